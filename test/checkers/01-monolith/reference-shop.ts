// An in-memory shop that keeps chapter 01's public contract, and broken
// variants of it, each with one defect a contract should catch. The checker
// runs the learner's contract tests against every one of them.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export const DEFECTS = {
  "created-is-200": "a shop that answers 200 instead of 201 when an order is placed",
  "no-validation": "a shop that accepts an order whatever its quantity, email or card",
  "renamed-field": "a shop that renamed orderId to id in its orders",
  oversells: "a shop that sells more than it has in stock",
} as const;

export type Defect = keyof typeof DEFECTS;

const CATALOG = [
  { sku: "phoenix-project", name: "The Phoenix Project", priceCents: 2500 },
  { sku: "accelerate", name: "Accelerate", priceCents: 3000 },
  { sku: "team-topologies", name: "Team Topologies", priceCents: 3500 },
];

type Reply = [status: number, body: unknown];

class Shop {
  readonly #defect: Defect | undefined;
  readonly #stock = new Map(CATALOG.map((p) => [p.sku, 50]));
  readonly #orders = new Map<string, Record<string, unknown>>();

  constructor(defect: Defect | undefined) {
    this.#defect = defect;
  }

  handle(method: string, path: string, body: unknown): Reply {
    const inventory = /^\/v1\/inventory\/([^/]+)$/.exec(path);
    const order = /^\/v1\/orders\/([^/]+)$/.exec(path);
    if (method === "GET" && path === "/v1/health") return [200, { status: "ok" }];
    if (inventory?.[1] && method === "GET") return this.#product(inventory[1]);
    if (inventory?.[1] && method === "PUT") return this.#restock(inventory[1], body);
    if (method === "POST" && path === "/v1/orders") return this.#place(body);
    if (order?.[1] && method === "GET") return this.#read(order[1]);
    return [404, { message: `no route for ${method} ${path}` }];
  }

  #product(sku: string): Reply {
    const product = CATALOG.find((p) => p.sku === sku);
    if (!product) return [404, { message: `no product with sku ${sku}` }];
    return [200, { ...product, stock: this.#stock.get(sku) }];
  }

  #restock(sku: string, body: unknown): Reply {
    if (!CATALOG.some((p) => p.sku === sku)) return [404, { message: `no product with sku ${sku}` }];
    const stock = (body as { stock?: unknown } | undefined)?.stock;
    if (!Number.isInteger(stock) || (stock as number) < 0)
      return [400, { message: "stock: must be a whole number ≥ 0" }];
    this.#stock.set(sku, stock as number);
    return this.#product(sku);
  }

  #place(body: unknown): Reply {
    const input = (body ?? {}) as Record<string, unknown>;
    const product = CATALOG.find((p) => p.sku === input.sku);
    if (!product) return [400, { message: `sku: no product with sku ${String(input.sku)}` }];
    const quantity = input.quantity as number;
    if (this.#defect !== "no-validation") {
      const problem = invalidField(input);
      if (problem) return [400, { message: `${problem}: invalid` }];
    }
    const stock = this.#stock.get(product.sku) ?? 0;
    if (quantity > stock && this.#defect !== "oversells")
      return [409, { message: `not enough stock of ${product.sku}` }];
    if (String(input.card).endsWith("0002")) return [402, { message: "card declined" }];
    this.#stock.set(product.sku, stock - quantity);
    const { orderId: id, ...rest } = {
      orderId: randomUUID(),
      sku: product.sku,
      quantity,
      email: input.email,
      totalCents: quantity * product.priceCents,
      status: "confirmed",
      paymentId: randomUUID(),
      notification: "sent",
    };
    const stored = this.#defect === "renamed-field" ? { id, ...rest } : { orderId: id, ...rest };
    this.#orders.set(id, stored);
    return [this.#defect === "created-is-200" ? 200 : 201, stored];
  }

  #read(orderId: string): Reply {
    const stored = this.#orders.get(orderId);
    return stored ? [200, stored] : [404, { message: `order ${orderId} not found` }];
  }
}

function invalidField(input: Record<string, unknown>): string | undefined {
  const { quantity, email, card } = input;
  if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 100) return "quantity";
  if (typeof email !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return "email";
  if (typeof card !== "string" || !/^\d{16}$/.test(card)) return "card";
  return undefined;
}

export interface ReferenceShops {
  /** base URL of the correct shop */
  correct: string;
  /** base URL of each broken shop */
  broken: Record<Defect, string>;
  close(): Promise<void>;
}

/** One server on 127.0.0.1; each shop lives under its own path prefix and starts with fresh state. */
export async function startReferenceShops(): Promise<ReferenceShops> {
  const shops = new Map<string, Shop>([["correct", new Shop(undefined)]]);
  for (const defect of Object.keys(DEFECTS) as Defect[]) shops.set(defect, new Shop(defect));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://shop");
      const [, name = "", ...rest] = url.pathname.split("/");
      const shop = shops.get(name);
      let body: unknown;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
      } catch {
        body = undefined;
      }
      const [status, reply] = shop
        ? shop.handle(req.method ?? "GET", `/${rest.join("/")}`, body)
        : [404, { message: "no such shop" }];
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const broken = Object.fromEntries((Object.keys(DEFECTS) as Defect[]).map((d) => [d, `${base}/${d}`]));
  return {
    correct: `${base}/correct`,
    broken: broken as Record<Defect, string>,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
