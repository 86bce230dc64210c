// The same handlers as solutions/00-first-function/src/orders.ts, for Architect
// Sandbox: the same AWS SDK v3 document client, pointed at Sandbox's DynamoDB.
// (Sandbox names tables `<app>-staging-<name>` and says its ports in ARC_SANDBOX.)
// The "order created" log line is left out: Sandbox copies a function's stdout
// to the benchmark's own.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";

const { ports } = JSON.parse(process.env.ARC_SANDBOX ?? "{}");
const TABLE = "bench-peer-staging-orders";
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: `http://127.0.0.1:${ports?.tables}`,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  }),
);

const json = (statusCode, body) => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export async function health() {
  return json(200, { status: "ok" });
}

export async function create(event) {
  let input;
  try {
    input = JSON.parse(event.body ?? "{}");
  } catch {
    return json(400, { message: "body must be JSON" });
  }
  if (typeof input.item !== "string" || input.item.trim() === "") {
    return json(400, { message: "item must be a non-empty string" });
  }
  if (!Number.isInteger(input.quantity) || input.quantity < 1) {
    return json(400, { message: "quantity must be a positive integer" });
  }
  const order = {
    orderId: randomUUID(),
    item: input.item,
    quantity: input.quantity,
    createdAt: new Date().toISOString(),
  };
  await db.send(new PutCommand({ TableName: TABLE, Item: order }));
  return json(201, order);
}

export async function get(event) {
  const orderId = event.pathParameters?.id;
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: { orderId } }));
  if (!Item) return json(404, { message: `order ${orderId} not found` });
  return json(200, Item);
}
