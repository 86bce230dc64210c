// The loyalty service: a point per whole dollar of every order of $50 or more
// (the pattern in infra.ts picks those orders), kept per customer.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { EventBridgeEvent } from "aws-lambda";
import { Resource } from "sst";
import type { OrderPlaced } from "../orders/events";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: EventBridgeEvent<"OrderPlaced", OrderPlaced>): Promise<void> {
  const { orderId, email, totalCents } = event.detail;
  const points = Math.floor(totalCents / 100);
  // TODO (step idempotent-consumer): the bus delivers at least once, and a
  // producer that retries puts the same order again: this adds the points
  // every time the event arrives. Award each order's points once per order,
  // in one write that DynamoDB refuses when the order was already awarded.
  await db.send(
    new UpdateCommand({
      TableName: Resource.Loyalty.name,
      Key: { customer: email },
      UpdateExpression: "ADD points :points",
      ExpressionAttributeValues: { ":points": points },
    }),
  );
  console.log(JSON.stringify({ msg: "points awarded", orderId, points }));
}
