// The orders service: takes an order, asks inventory to reserve the stock and
// payments to charge the card — through their APIs — keeps the order, and
// then tells the rest of the shop with an OrderPlaced event on the bus.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { z } from "zod";
import { ClientError, json, parseBody } from "../shared/http";
import { serviceHandler } from "../shared/router";
import { callService } from "../shared/service-api";
import { ORDERS_SOURCE, type OrderPlaced } from "./events";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const bus = new EventBridgeClient({});

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

  // Only now is it true that the order was placed: announce the fact. Orders
  // does not know who listens — loyalty, analytics and notifications each
  // subscribe on the bus with a pattern of their own.
  await putEvent("OrderPlaced", placed);
  return order;
}

/**
 * PutEvents answers 200 even when it refuses an entry: a refused entry is
 * reported in FailedEntryCount and its Entries[i].ErrorCode, not thrown. An
 * event nobody will ever see must fail loudly here. (The order is stored by
 * then: if the put fails, nobody hears of it. Chapter 05 closes that gap by
 * publishing from the table's stream.)
 */
async function putEvent(detailType: "OrderPlaced", detail: OrderPlaced): Promise<void> {
  const result = await bus.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: Resource.ShopBus.name,
          Source: ORDERS_SOURCE,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  if (result.FailedEntryCount) {
    const entry = result.Entries?.[0];
    throw new Error(`the bus refused ${detailType}: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
  }
}

/** Another service answering outside its contract is a fault here too: fail loudly (500) and log who it was. */
function expectStatus(status: number, expected: number, service: string): void {
  if (status !== expected) throw new Error(`${service} answered ${status}, its contract says ${expected}`);
}
