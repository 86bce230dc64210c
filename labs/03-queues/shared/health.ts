import type { APIGatewayProxyResultV2 } from "aws-lambda";

/** The front door's own route: answers without touching any service, so it tells you the API is up. */
export async function handler(): Promise<APIGatewayProxyResultV2> {
  return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "ok" }) };
}
