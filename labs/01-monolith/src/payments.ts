import { randomUUID } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { chargeCard } from "./card-processor";
import { db, table } from "./db";

export interface Payment {
  paymentId: string;
  orderId: string;
  amountCents: number;
  status: "approved" | "declined";
  reference?: string;
}

/** Charges the card and records the attempt, approved or not. */
export async function charge(orderId: string, card: string, amountCents: number): Promise<Payment> {
  const result = await chargeCard(card, amountCents);
  const payment: Payment = {
    paymentId: randomUUID(),
    orderId,
    amountCents,
    ...(result.approved ? { status: "approved", reference: result.reference } : { status: "declined" }),
  };
  await db.send(new PutCommand({ TableName: table(), Item: { pk: `PAYMENT#${payment.paymentId}`, ...payment } }));
  return payment;
}
