import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";

// Created once per warm function instance, reused across invocations.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** The request body as text: API Gateway base64-encodes bodies whose content type is not text (e.g. `curl -d`). */
const bodyText = (event: APIGatewayProxyEventV2): string =>
  event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");

/** GET /health — already done: this is the shape of every handler in this lab. */
export async function health(): Promise<APIGatewayProxyResultV2> {
  return json(200, { status: "ok" });
}

/** POST /orders */
export async function create(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  // TODO (step validate-order): parse the body as JSON (`bodyText(event)`). Answer 400 with a message that
  //   names the field when `item` is not a non-empty string or `quantity` is not a
  //   positive integer.
  // TODO (step create-order): build the order { orderId, item, quantity, createdAt },
  //   put it in the Orders table (`Resource.Orders.name`, PutCommand) and answer 201
  //   with the order as JSON.
  void db;
  void bodyText(event);
  return json(501, { message: "not implemented yet: see the TODOs in src/orders.ts" });
}

/** GET /orders/{id} */
export async function get(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  // TODO (step get-order): read the order whose orderId is the path parameter `id`
  //   (GetCommand) and answer 200 with it, or 404 when there is no such order.
  void event;
  return json(501, { message: "not implemented yet: see the TODOs in src/orders.ts" });
}
