import { z } from "zod";

/**
 * What orders puts on the Fulfilment queue once an order is stored: everything
 * shipping needs, so shipping never has to call orders back to fulfil it.
 */
export const OrderPlaced = z.object({
  type: z.literal("OrderPlaced"),
  orderId: z.string().min(1),
  sku: z.string().min(1),
  quantity: z.number().int().min(1),
  email: z.email(),
});

export type OrderPlaced = z.infer<typeof OrderPlaced>;
