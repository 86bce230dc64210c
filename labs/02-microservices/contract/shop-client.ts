// What every contract test needs: the shop's base URL and a way to call it.
import { randomUUID } from "node:crypto";

export const APPROVED_CARD = "4242424242424242";
/** the lab's card processor declines every card ending in 0002 */
export const DECLINED_CARD = "4000000000000002";

export interface Reply {
  status: number;
  /** the JSON the shop sent, as is: a contract test inspects whatever came back */
  body: any;
}

export async function call(method: string, path: string, body?: unknown): Promise<Reply> {
  const base = process.env.SHOP_API;
  if (!base)
    throw new Error("SHOP_API is not set: start the lab first (`npx course up <lab>`), it writes .sst/outputs.json");
  const res = await fetch(base.replace(/\/$/, "") + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

/** a fresh, valid order for `sku`; override any field */
export function anOrder(sku: string, fields: Record<string, unknown> = {}) {
  return { sku, quantity: 1, email: `buyer-${randomUUID()}@example.com`, card: APPROVED_CARD, ...fields };
}
