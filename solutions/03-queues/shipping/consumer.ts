// The shipping service's queue consumer. Lambda polls the Fulfilment queue and
// calls this with a batch of OrderPlaced messages; it books each order with the
// carrier and keeps the shipment. SQS delivers every message at least once, so
// a message can come again: after a failure, or as a plain duplicate.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { Resource } from "sst";
import { OrderPlaced } from "../shared/messages";
import { bookShipment } from "./carrier";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/**
 * Each message succeeds or fails on its own: the ones that failed are named in
 * batchItemFailures (the mapping has partialResponses on), so Lambda deletes
 * the others and only the failed ones come back after the visibility timeout —
 * until the queue's redrive policy moves them to the dead-letter queue.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      await fulfil(record);
    } catch (err) {
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      console.warn(
        JSON.stringify({
          msg: "not shipped; the message comes back, or goes to the dead-letter queue",
          messageId: record.messageId,
          reason,
        }),
      );
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

async function fulfil(record: SQSRecord): Promise<void> {
  const order = OrderPlaced.parse(JSON.parse(record.body));
  // Idempotency: claim the order before calling the carrier. Only one delivery
  // of the same order can create the claim; any other is a duplicate and is done.
  if (!(await claim(order.orderId))) {
    console.log(JSON.stringify({ msg: "duplicate delivery ignored", orderId: order.orderId }));
    return;
  }
  try {
    const { trackingNumber } = await bookShipment(order);
    await db.send(
      new PutCommand({
        TableName: Resource.Shipments.name,
        Item: { orderId: order.orderId, sku: order.sku, quantity: order.quantity, status: "shipped", trackingNumber },
      }),
    );
  } catch (err) {
    // Not shipped: give the claim back, so the next delivery of this message tries again.
    await release(order.orderId);
    throw err;
  }
}

/** Whether this delivery got the order: a conditional write that only one delivery can win. */
async function claim(orderId: string): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: Resource.Shipments.name,
        Item: { orderId, status: "booking" },
        ConditionExpression: "attribute_not_exists(orderId)",
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === "ConditionalCheckFailedException") return false;
    throw err;
  }
}

async function release(orderId: string): Promise<void> {
  await db.send(
    new DeleteCommand({
      TableName: Resource.Shipments.name,
      Key: { orderId },
      ConditionExpression: "#status = :booking",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":booking": "booking" },
    }),
  );
}
