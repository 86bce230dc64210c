// The events the orders team publishes on the shop's bus: their source, their
// detail-types and what their detail holds. This file is the orders team's
// promise to every subscriber; subscribers read it, they do not change it.

/** who put the event: every event the orders service puts carries this source */
export const ORDERS_SOURCE = "shop.orders";

/** An order was paid for and stored: a fact, put on the bus only once it is true. */
export interface OrderPlaced {
  orderId: string;
  sku: string;
  quantity: number;
  totalCents: number;
  email: string;
  /** present when the customer asked for text messages instead of mail */
  phone?: string;
}

/**
 * An order was cancelled (customer service puts it; its detail has the same
 * fields as OrderPlaced). It shares the source: a subscriber that only wants
 * OrderPlaced must say so with detail-type.
 */
export type OrderCancelled = OrderPlaced;
