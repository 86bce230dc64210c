import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import type { z } from "zod";

export const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** A request the client got wrong: answered 4xx with `message`, never logged as a failure. */
export class ClientError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.statusCode = statusCode;
  }
}

/** The body parsed with `schema`; a 400 that names the first invalid field otherwise. */
export function parseBody<T>(event: APIGatewayProxyEventV2, schema: z.ZodType<T>): T {
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");
  let value: unknown;
  try {
    value = JSON.parse(text || "{}");
  } catch {
    throw new ClientError(400, "body must be JSON");
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || "body";
    throw new ClientError(400, `${field}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}
