// The shipping service's queue consumer. Lambda polls the Fulfilment queue and
// calls this with a batch of OrderPlaced messages; it books each order with the
// carrier and keeps the shipment. SQS delivers every message at least once, so
// a message can come again: after a failure, or as a plain duplicate.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";
import { Resource } from "sst";
import { OrderPlaced } from "../shared/messages";
import { bookShipment } from "./carrier";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/**
 * Books every order of the batch. When one fails it throws, and Lambda treats
 * the whole batch as failed: it deletes none of its messages.
 */
export async function handler(event: SQSEvent): Promise<void> {
  // TODO (step partial-batch): one bad message fails the whole batch here, so the
  // good ones come back with it. Handle each record on its own and return the
  // failed ones' ids as `{ batchItemFailures: [{ itemIdentifier: messageId }] }`.
  for (const record of event.Records) {
    const order = OrderPlaced.parse(JSON.parse(record.body));
    // TODO (step idempotent): the same message can arrive twice, even twice at once.
    // Make a second delivery of an order do nothing: claim the order with a
    // conditional write before calling the carrier, and give the claim back if the
    // carrier fails, so the retry can still book it.
    const { trackingNumber } = await bookShipment(order);
    await db.send(
      new PutCommand({
        TableName: Resource.Shipments.name,
        Item: { orderId: order.orderId, sku: order.sku, quantity: order.quantity, status: "shipped", trackingNumber },
      }),
    );
  }
}
