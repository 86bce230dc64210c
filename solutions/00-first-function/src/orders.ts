import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { Resource } from "sst";

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

export async function health(): Promise<APIGatewayProxyResultV2> {
  return json(200, { status: "ok" });
}

export async function create(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  let input: { item?: unknown; quantity?: unknown };
  try {
    input = JSON.parse(bodyText(event) || "{}");
  } catch {
    return json(400, { message: "body must be JSON" });
  }
  if (typeof input.item !== "string" || input.item.trim() === "") {
    return json(400, { message: "item must be a non-empty string" });
  }
  if (!Number.isInteger(input.quantity) || (input.quantity as number) < 1) {
    return json(400, { message: "quantity must be a positive integer" });
  }
  const order = {
    orderId: randomUUID(),
    item: input.item,
    quantity: input.quantity as number,
    createdAt: new Date().toISOString(),
  };
  await db.send(new PutCommand({ TableName: Resource.Orders.name, Item: order }));
  console.log(JSON.stringify({ msg: "order created", orderId: order.orderId }));
  return json(201, order);
}

export async function get(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const orderId = event.pathParameters?.id;
  const { Item } = await db.send(new GetCommand({ TableName: Resource.Orders.name, Key: { orderId } }));
  if (!Item) return json(404, { message: `order ${orderId} not found` });
  return json(200, Item);
}
