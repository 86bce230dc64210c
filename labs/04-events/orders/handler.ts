// The orders service: takes an order, asks inventory to reserve the stock and
// payments to charge the card — through their APIs — and keeps the order.
// Next: tell the rest of the shop with an OrderPlaced event on the bus.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { z } from "zod";
import { ClientError, json, parseBody } from "../shared/http";
import { serviceHandler } from "../shared/router";
import { callService } from "../shared/service-api";
import type { OrderPlaced } from "./events";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const OrderRequest = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().min(1).max(100),
  email: z.email(),
  /** the customer wants text messages rather than mail */
  phone: z
    .string()
    .regex(/^\+\d{8,15}$/, "must be + and 8 to 15 digits")
    .optional(),
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

  const placed: OrderPlaced = {
    orderId,
    sku: request.sku,
    quantity: request.quantity,
    totalCents,
    email: request.email,
    ...(request.phone ? { phone: request.phone } : {}),
  };
  const order = { ...placed, status: "confirmed", paymentId: paid.body.paymentId as string };
  await db.send(new PutCommand({ TableName: Resource.Orders.name, Item: order }));

  // TODO (step publish-event): the order is paid for and stored, so it is now a
  // fact that it was placed. Announce it: put an OrderPlaced event on the
  // ShopBus, with ORDERS_SOURCE (./events) as its source and `placed` as its
  // detail. Orders does not call loyalty, analytics or notifications, nor
  // know they exist: each subscribes on the bus with a pattern of its own.
  // The bus must be linked in orders/infra.ts, and PutEvents does not throw
  // when it refuses an entry: read the answer.
  return order;
}

/** Another service answering outside its contract is a fault here too: fail loudly (500) and log who it was. */
function expectStatus(status: number, expected: number, service: string): void {
  if (status !== expected) throw new Error(`${service} answered ${status}, its contract says ${expected}`);
}
