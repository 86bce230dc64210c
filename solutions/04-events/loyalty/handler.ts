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
  try {
    // Delivery is at least once: the same order can arrive again. The award
    // and the record of which orders were awarded change in one conditional
    // write, so a second delivery of the same order changes nothing.
    await db.send(
      new UpdateCommand({
        TableName: Resource.Loyalty.name,
        Key: { customer: email },
        UpdateExpression: "ADD points :points, awardedOrders :order",
        ConditionExpression: "NOT contains(awardedOrders, :orderId)",
        ExpressionAttributeValues: { ":points": points, ":order": new Set([orderId]), ":orderId": orderId },
      }),
    );
    console.log(JSON.stringify({ msg: "points awarded", orderId, points }));
  } catch (err) {
    if ((err as Error).name !== "ConditionalCheckFailedException") throw err;
    console.log(JSON.stringify({ msg: "already awarded: duplicate delivery ignored", orderId }));
  }
}
