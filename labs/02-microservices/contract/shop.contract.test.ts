// The shop's public API, pinned down. Chapter 02 splits the shop into services;
// these tests must pass against it unchanged.
import { describe, expect, test } from "vitest";
import { anOrder, call, DECLINED_CARD } from "./shop-client";

const SKU = "accelerate";

async function restock(sku: string, stock: number) {
  const res = await call("PUT", `/v1/inventory/${sku}`, { stock });
  expect(res.status).toBe(200);
}

test("GET /v1/health answers 200", async () => {
  expect((await call("GET", "/v1/health")).status).toBe(200);
});

describe("inventory", () => {
  test("a product shows its sku, name, price and stock", async () => {
    await restock(SKU, 7);
    const res = await call("GET", `/v1/inventory/${SKU}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sku: SKU, stock: 7 });
    expect(typeof res.body.name).toBe("string");
    expect(Number.isInteger(res.body.priceCents)).toBe(true);
  });

  test("an unknown product is 404", async () => {
    expect((await call("GET", "/v1/inventory/no-such-book")).status).toBe(404);
  });

  test("a negative stock is refused with a 400 that names stock", async () => {
    const res = await call("PUT", `/v1/inventory/${SKU}`, { stock: -1 });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("stock");
  });
});

describe("placing an order", () => {
  test("answers 201 with the order, and takes the quantity out of stock", async () => {
    await restock(SKU, 10);
    const price = (await call("GET", `/v1/inventory/${SKU}`)).body.priceCents;
    const res = await call("POST", "/v1/orders", anOrder(SKU, { quantity: 3 }));
    expect(res.status).toBe(201);
    expect(typeof res.body.orderId).toBe("string");
    expect(res.body).toMatchObject({ sku: SKU, quantity: 3, totalCents: 3 * price, status: "confirmed" });
    expect((await call("GET", `/v1/inventory/${SKU}`)).body.stock).toBe(7);
  });

  test("the order can be read back by its id", async () => {
    const placed = await call("POST", "/v1/orders", anOrder(SKU));
    const res = await call("GET", `/v1/orders/${placed.body.orderId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orderId: placed.body.orderId, sku: SKU, quantity: 1, status: "confirmed" });
  });

  test("an unknown order is 404", async () => {
    expect((await call("GET", "/v1/orders/no-such-order")).status).toBe(404);
  });

  test.each([
    ["quantity", { quantity: 0 }],
    ["quantity", { quantity: 1.5 }],
    ["sku", { sku: "" }],
    ["sku", { sku: "no-such-book" }],
    ["email", { email: "not an address" }],
    ["card", { card: "42" }],
  ])("a bad %s is refused with a 400 that names it (%o)", async (field, change) => {
    await restock(SKU, 5);
    const res = await call("POST", "/v1/orders", anOrder(SKU, change));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(field);
    expect((await call("GET", `/v1/inventory/${SKU}`)).body.stock).toBe(5);
  });

  test("more than is in stock is 409, and the stock stays", async () => {
    await restock(SKU, 2);
    const res = await call("POST", "/v1/orders", anOrder(SKU, { quantity: 3 }));
    expect(res.status).toBe(409);
    expect((await call("GET", `/v1/inventory/${SKU}`)).body.stock).toBe(2);
  });

  test("a declined card is 402, and the stock stays", async () => {
    await restock(SKU, 4);
    const res = await call("POST", "/v1/orders", anOrder(SKU, { card: DECLINED_CARD }));
    expect(res.status).toBe(402);
    expect((await call("GET", `/v1/inventory/${SKU}`)).body.stock).toBe(4);
  });
});
