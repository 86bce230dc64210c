// A stand-in for the carrier's booking API, deterministic so tests can rely on
// it. It keeps a record of every call (the CarrierCalls table stands for the
// carrier's own books, and for the invoice you would get for each booking):
// - addresses at poison.example are refused every time (an order that can never ship);
// - addresses at flaky.example find the carrier down on the first call for an
//   order and booked on the next (a downstream that fails once).
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** The carrier refuses this shipment, and always will: retrying cannot help. */
export class CarrierRejected extends Error {
  override name = "CarrierRejected";
}

/** The carrier could not be reached this time: the same call may work later. */
export class CarrierUnavailable extends Error {
  override name = "CarrierUnavailable";
}

export interface Booking {
  trackingNumber: string;
}

export async function bookShipment(shipment: { orderId: string; email: string; quantity: number }): Promise<Booking> {
  const domain = shipment.email.split("@").pop();
  const earlier = await db.send(
    new QueryCommand({
      TableName: Resource.CarrierCalls.name,
      KeyConditionExpression: "orderId = :o",
      ExpressionAttributeValues: { ":o": shipment.orderId },
      Select: "COUNT",
    }),
  );
  const trackingNumber = randomUUID();
  const outcome =
    domain === "poison.example"
      ? "rejected"
      : domain === "flaky.example" && (earlier.Count ?? 0) === 0
        ? "unavailable"
        : "booked";
  await db.send(
    new PutCommand({
      TableName: Resource.CarrierCalls.name,
      Item: {
        orderId: shipment.orderId,
        callId: randomUUID(),
        outcome,
        ...(outcome === "booked" ? { trackingNumber } : {}),
      },
    }),
  );
  if (outcome === "rejected") throw new CarrierRejected("the carrier does not deliver to poison.example");
  if (outcome === "unavailable") throw new CarrierUnavailable("the carrier did not answer; try again later");
  return { trackingNumber };
}
