import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { db, table } from "./db";

// A stand-in for a mail provider. Addresses at bounce.example stand for the
// days it is down: every send to them fails, as a real outage would.
export class MailProviderUnavailable extends Error {
  override name = "MailProviderUnavailable";
}

export async function sendOrderConfirmation(email: string, orderId: string): Promise<void> {
  if (email.endsWith("@bounce.example")) throw new MailProviderUnavailable(`mail provider did not accept ${email}`);
  await db.send(
    new PutCommand({
      TableName: table(),
      Item: { pk: `NOTIFICATION#${orderId}`, email, subject: `Your order ${orderId}`, sentAt: Date.now() },
    }),
  );
}
