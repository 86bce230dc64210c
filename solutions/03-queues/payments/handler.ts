// The payments service: charges a card once per request and keeps a record of
// every attempt, approved or declined.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { z } from "zod";
import { ClientError, json, parseBody } from "../shared/http";
import { serviceHandler } from "../shared/router";
import { chargeCard } from "./card-processor";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** What a caller must send: API Gateway checks none of it, so this schema is the contract's guard. */
export const ChargeRequest = z.object({
  orderId: z.string().min(1),
  amountCents: z.number().int().positive(),
  card: z.string().regex(/^\d{16}$/, "must be 16 digits"),
});

export const handler = serviceHandler({
  "POST /v1/payments": async (event) => {
    const request = parseBody(event, ChargeRequest);
    const result = await chargeCard(request.card, request.amountCents);
    const payment = {
      paymentId: randomUUID(),
      orderId: request.orderId,
      amountCents: request.amountCents,
      // The card number is not kept: a payments table holds what it needs, not what it could leak.
      ...(result.approved ? { status: "approved", reference: result.reference } : { status: "declined" }),
    };
    await db.send(new PutCommand({ TableName: Resource.Payments.name, Item: payment }));
    return result.approved ? json(201, payment) : json(402, { ...payment, message: result.reason });
  },
  "GET /v1/payments/{paymentId}": async (event) => {
    const paymentId = event.pathParameters?.paymentId;
    const { Item } = await db.send(new GetCommand({ TableName: Resource.Payments.name, Key: { paymentId } }));
    if (!Item) throw new ClientError(404, `payment ${paymentId} not found`);
    return json(200, Item);
  },
});
