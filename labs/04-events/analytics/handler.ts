// The analytics service: records every event it receives, one item per event
// id, so the same delivery recorded twice is still one item.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { EventBridgeEvent } from "aws-lambda";
import { Resource } from "sst";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: EventBridgeEvent<string, Record<string, unknown>>): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: Resource.Analytics.name,
      Item: {
        eventId: event.id,
        source: event.source,
        detailType: event["detail-type"],
        time: event.time,
        orderId: typeof event.detail?.orderId === "string" ? event.detail.orderId : "-",
        detail: event.detail,
      },
    }),
  );
}
