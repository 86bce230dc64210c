// The shop's public API, pinned down. Chapter 02 splits the shop into services;
// these tests must pass against it unchanged.
//
// Run them:  npx vitest run --root labs/01-monolith   (with the lab running)
//
// TODO (step contract-teeth): pin down what clients rely on. Ask, for each route,
// what a client would break on if it changed:
//   - the status code of each outcome (placed, invalid, out of stock, declined, not found)
//   - the fields of an order and of a product
//   - what a bad request gets, and that it names the field
//   - what an order does to the stock, and what a failed order must not do to it
// The helpers in shop-client.ts place orders and read replies.
import { expect, test } from "vitest";
import { call } from "./shop-client";

test("GET /v1/health answers 200", async () => {
  expect((await call("GET", "/v1/health")).status).toBe(200);
});
