// Checker for lab 01. It talks to the shop as a client would (HTTP), reads the
// one table with the SDK, and runs the learner's contract tests against the
// shop and against broken shops of its own.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expectThat, http, labUnderCheck, runContract, step } from "../../../course/checker/lab.ts";
import { DEFECTS, type Defect, startReferenceShops } from "./reference-shop.ts";

const lab = labUnderCheck();
const api = (path: string) => lab.api(path);
const db = DynamoDBDocumentClient.from(new DynamoDBClient(lab.clientConfig));
const SKU = "team-topologies";
const APPROVED = "4242424242424242";
const DECLINED = "4000000000000002";

const order = (fields: Record<string, unknown> = {}) => ({
  sku: SKU,
  quantity: 1,
  email: "checker@example.com",
  card: APPROVED,
  ...fields,
});

async function restock(stock: number) {
  const res = await http("PUT", api(`/v1/inventory/${SKU}`), { stock });
  expectThat(res.status === 200, `PUT /v1/inventory/${SKU} to set the stock`, describe(res));
}

async function stock(): Promise<number> {
  return (await http("GET", api(`/v1/inventory/${SKU}`))).json?.stock;
}

/** how many records of a kind ("ORDER", "PAYMENT") the shop's table holds */
async function countRecords(kind: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: lab.output("shopTable"),
        FilterExpression: "begins_with(pk, :kind)",
        ExpressionAttributeValues: { ":kind": `${kind}#` },
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

step("health", async () => {
  const res = await http("GET", api("/v1/health"));
  expectThat(res.status === 200, "GET /v1/health to answer 200", describe(res));
});

step("reserve-stock", async () => {
  await restock(10);
  const placed = await http("POST", api("/v1/orders"), order({ quantity: 3 }));
  expectThat(placed.status === 201, "an order of 3 to answer 201", describe(placed));
  const after = await stock();
  expectThat(after === 7, "the stock to go from 10 to 7 after an order of 3", `it is ${after}`);
  const declined = await http("POST", api("/v1/orders"), order({ quantity: 2, card: DECLINED }));
  expectThat(declined.status === 402, "an order with a declined card to answer 402", describe(declined));
  const afterDecline = await stock();
  expectThat(afterDecline === 7, "a declined order to leave the stock at 7", `it is ${afterDecline}`);

  // A product nobody has bought or restocked yet has no stock item: the catalog's stock applies.
  const fresh = "phoenix-project";
  await db.send(new DeleteCommand({ TableName: lab.output("shopTable"), Key: { pk: `STOCK#${fresh}` } }));
  const initial = (await http("GET", api(`/v1/inventory/${fresh}`))).json?.stock;
  const first = await http("POST", api("/v1/orders"), order({ sku: fresh }));
  expectThat(
    first.status === 201,
    `the first order of ${fresh}, never bought or restocked, to answer 201 (${initial} in stock)`,
    describe(first),
  );
  const afterFirst = (await http("GET", api(`/v1/inventory/${fresh}`))).json?.stock;
  expectThat(afterFirst === initial - 1, `its stock to go from ${initial} to ${initial - 1}`, `it is ${afterFirst}`);
});

step("out-of-stock", async () => {
  await restock(2);
  const [orders, payments] = [await countRecords("ORDER"), await countRecords("PAYMENT")];
  const tooMany = await http("POST", api("/v1/orders"), order({ quantity: 3 }));
  expectThat(tooMany.status === 409, "an order of 3 with 2 in stock to answer 409", describe(tooMany));
  expectThat((await stock()) === 2, "the stock to stay at 2", `it is ${await stock()}`);
  const charged = (await countRecords("PAYMENT")) - payments;
  expectThat(
    charged === 0,
    "no card charged for an order that cannot be filled",
    `${charged} payment(s) were recorded`,
  );
  expectThat((await countRecords("ORDER")) === orders, "no order stored", "an order was stored");

  // Twelve buyers at once for the last two copies, twice: exactly two may win each time.
  for (let round = 1; round <= 2; round++) {
    await restock(2);
    const race = await Promise.all(Array.from({ length: 12 }, () => http("POST", api("/v1/orders"), order())));
    const won = race.filter((r) => r.status === 201).length;
    const left = await stock();
    expectThat(
      won === 2 && left === 0,
      "twelve simultaneous orders for the last 2 copies: 2 placed, the rest 409, stock 0",
      `${won} were placed and the stock is ${left}`,
    );
  }
});

step("survive-notification-failure", async () => {
  await restock(5);
  const res = await http("POST", api("/v1/orders"), order({ email: "reader@bounce.example" }));
  expectThat(
    res.status === 201,
    "an order for reader@bounce.example to answer 201 though the mail cannot go",
    describe(res),
  );
  expectThat(res.json?.notification === "pending", 'the order to say notification: "pending"', describe(res));
  const stored = await http("GET", api(`/v1/orders/${res.json?.orderId}`));
  expectThat(stored.status === 200, "the order to be stored and readable", describe(stored));
  expectThat((await stock()) === 4, "the stock to go from 5 to 4", `it is ${await stock()}`);
});

step(
  "contract-teeth",
  async () => {
    const shops = await startReferenceShops();
    try {
      const runs = await runContract(lab.sourcesDir, { yours: api(""), correct: shops.correct, ...shops.broken });
      const yours = runs.yours;
      expectThat(
        yours !== undefined && yours.problem === undefined,
        "your contract tests to run",
        yours?.problem ?? "",
      );
      expectThat(
        yours.passed,
        "your contract tests to pass against your shop",
        `these failed:\n${yours.failures.map((f) => `  ${f}`).join("\n")}`,
      );
      expectThat(
        runs.correct?.passed === true,
        "your contract tests to pass against the checker's correct shop too (they must test the contract, not your code)",
        `these failed:\n${(runs.correct?.failures ?? []).map((f) => `  ${f}`).join("\n")}`,
      );
      const missed = (Object.keys(DEFECTS) as Defect[]).filter((d) => runs[d]?.passed !== false);
      expectThat(
        missed.length === 0,
        `your contract tests to fail against each of ${Object.keys(DEFECTS).length} broken shops`,
        `they passed against ${missed.map((d) => DEFECTS[d]).join("; and against ")}`,
      );
    } finally {
      await shops.close();
    }
  },
  90_000,
);
