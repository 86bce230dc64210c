// Checker for lab 00. Each step is one test named by its manifest id; it talks
// to the lab only as a client of the deployed stack would: HTTP and the SDK.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expectThat, http, labUnderCheck, step } from "../../../course/checker/lab.ts";

const lab = labUnderCheck();
const api = (path: string) => lab.api(path);
const db = DynamoDBDocumentClient.from(new DynamoDBClient(lab.clientConfig));
const table = () => lab.output("ordersTable");
const countOrders = async () => (await db.send(new ScanCommand({ TableName: table(), Select: "COUNT" }))).Count ?? 0;

step("health", async () => {
  const res = await http("GET", api("/health"));
  expectThat(res.status === 200, "GET /health to answer 200", describe(res));
  expectThat(res.json !== undefined, "a JSON body", `the body was ${JSON.stringify(res.text)}`);
});

step("create-route", async () => {
  const res = await http("POST", api("/orders"), { item: "route check", quantity: 1 });
  const gatewayNotFound = res.status === 404 && res.json?.message === "Not Found";
  expectThat(
    !gatewayNotFound,
    "POST /orders to reach a function",
    "API Gateway answered 404 Not Found: no route matches",
  );
});

step("create-order", async () => {
  const res = await http("POST", api("/orders"), { item: "The Phoenix Project", quantity: 2 });
  expectThat(res.status === 201, "POST /orders to answer 201 Created", describe(res));
  const order = res.json as { orderId?: unknown; item?: unknown; quantity?: unknown } | undefined;
  expectThat(typeof order?.orderId === "string", "the order in the body, with an orderId", describe(res));
  expectThat(
    order.item === "The Phoenix Project" && order.quantity === 2,
    "the body to carry the item and quantity you sent",
    describe(res),
  );
  const { Item } = await db.send(new GetCommand({ TableName: table(), Key: { orderId: order.orderId } }));
  expectThat(
    Item !== undefined,
    `order ${order.orderId} in the Orders table`,
    "the table has no item with that orderId",
  );
  expectThat(
    Item.item === "The Phoenix Project" && Item.quantity === 2,
    "the stored item to keep item and quantity",
    `the table holds ${JSON.stringify(Item)}`,
  );
});

step("validate-order", async () => {
  const before = await countOrders();
  const cases: [unknown, string][] = [
    [{ item: "", quantity: 1 }, "item"],
    [{ quantity: 1 }, "item"],
    [{ item: "pen", quantity: 0 }, "quantity"],
    [{ item: "pen", quantity: 1.5 }, "quantity"],
    [{ item: "pen", quantity: "3" }, "quantity"],
  ];
  for (const [body, field] of cases) {
    const res = await http("POST", api("/orders"), body);
    expectThat(res.status === 400, `POST /orders with ${JSON.stringify(body)} to answer 400`, describe(res));
    expectThat(res.text.includes(field), `the 400's message to name the field "${field}"`, describe(res));
  }
  const after = await countOrders();
  expectThat(
    after === before,
    "no order stored for a rejected request",
    `the table grew from ${before} to ${after} items`,
  );
});

step("get-order", async () => {
  const order = { orderId: randomUUID(), item: "checker's order", quantity: 3, createdAt: new Date().toISOString() };
  await db.send(new PutCommand({ TableName: table(), Item: order }));
  const res = await http("GET", api(`/orders/${order.orderId}`));
  expectThat(res.status === 200, `GET /orders/${order.orderId} to answer 200`, describe(res));
  expectThat(
    res.json?.orderId === order.orderId && res.json?.item === order.item,
    "the stored order in the body",
    describe(res),
  );
  const missing = await http("GET", api(`/orders/${randomUUID()}`));
  expectThat(missing.status === 404, "an unknown order id to answer 404", describe(missing));
});
