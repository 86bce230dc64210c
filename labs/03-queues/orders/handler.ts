// The orders service: takes an order, asks inventory to reserve the stock and
// payments to charge the card — through their APIs — keeps the order, and hands
// it to shipping through the Fulfilment queue. It does not wait for shipping.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { z } from "zod";
import { ClientError, json, parseBody } from "../shared/http";
import { serviceHandler } from "../shared/router";
import { callService } from "../shared/service-api";
import { MailProviderUnavailable, sendOrderConfirmation } from "./notifications";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const OrderRequest = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().min(1).max(100),
  email: z.email(),
  card: z.string().regex(/^\d{16}$/, "must be 16 digits"),
});

export const handler = serviceHandler({
  "POST /v1/orders": async (event) => json(201, await placeOrder(parseBody(event, OrderRequest))),
  "GET /v1/orders/{orderId}": async (event) => {
    const orderId = event.pathParameters?.orderId;
    const { Item } = await db.send(new GetCommand({ TableName: Resource.Orders.name, Key: { orderId } }));
    if (!Item) throw new ClientError(404, `order ${orderId} not found`);
    return json(200, Item);
  },
});

async function placeOrder(request: z.infer<typeof OrderRequest>) {
  const orderId = randomUUID();
  const stockPath = `/v1/inventory/${encodeURIComponent(request.sku)}`;

  const reserved = await callService("POST", `${stockPath}/reservations`, { quantity: request.quantity });
  if (reserved.status === 404) throw new ClientError(400, `sku: no product with sku ${request.sku}`);
  if (reserved.status === 409) throw new ClientError(409, reserved.body.message);
  expectStatus(reserved.status, 201, "inventory");

  const totalCents = reserved.body.priceCents * request.quantity;
  const paid = await callService("POST", "/v1/payments", { orderId, amountCents: totalCents, card: request.card });
  if (paid.status === 402) {
    await callService("POST", `${stockPath}/releases`, { quantity: request.quantity });
    throw new ClientError(402, "card declined");
  }
  expectStatus(paid.status, 201, "payments");

  const order = {
    orderId,
    sku: request.sku,
    quantity: request.quantity,
    email: request.email,
    totalCents,
    status: "confirmed",
    paymentId: paid.body.paymentId as string,
    notification: "pending" as "pending" | "sent",
    // shipping has not seen it yet: GET /v1/shipments/{orderId} tells when it has
    fulfilment: "pending",
  };
  await db.send(new PutCommand({ TableName: Resource.Orders.name, Item: order }));
  // TODO (step enqueue): hand the order to shipping. Now that it is stored, send an
  // OrderPlaced message (shared/messages.ts) with everything shipping needs to the
  // Fulfilment queue (SendMessageCommand from @aws-sdk/client-sqs), and answer
  // without waiting: shipping works at its own pace, and may be down right now.
  try {
    await sendOrderConfirmation(order.email, orderId);
    order.notification = "sent";
    await db.send(new PutCommand({ TableName: Resource.Orders.name, Item: order }));
  } catch (err) {
    if (!(err instanceof MailProviderUnavailable)) throw err;
    console.warn(JSON.stringify({ msg: "confirmation mail pending", orderId, reason: err.message }));
  }
  return order;
}

/** Another service answering outside its contract is a fault here too: fail loudly (500) and log who it was. */
function expectStatus(status: number, expected: number, service: string): void {
  if (status !== expected) throw new Error(`${service} answered ${status}, its contract says ${expected}`);
}
