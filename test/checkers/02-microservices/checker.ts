// Checker for lab 02. It talks to the services through the front door (HTTP),
// reads the tables with the SDK, asks IAM who may touch which table, and runs
// chapter 01's contract against the split shop.
import path from "node:path";
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import {
  describe,
  expectThat,
  http,
  invocationsSince,
  labUnderCheck,
  runContract,
  step,
} from "../../../course/checker/lab.ts";

const lab = labUnderCheck();
const api = (path: string) => lab.api(path);
const db = DynamoDBDocumentClient.from(new DynamoDBClient(lab.clientConfig));
const APPROVED = "4242424242424242";
const DECLINED = "4000000000000002";
const SERVICES = ["orders", "inventory", "payments"] as const;

const charge = (fields: Record<string, unknown> = {}) => ({
  orderId: "checker-order",
  amountCents: 4200,
  card: APPROVED,
  ...fields,
});

const payment = async (paymentId: unknown) =>
  typeof paymentId === "string"
    ? (await db.send(new GetCommand({ TableName: lab.output("paymentsTable"), Key: { paymentId } }))).Item
    : undefined;

const countPayments = async () =>
  (await db.send(new ScanCommand({ TableName: lab.output("paymentsTable"), Select: "COUNT" }))).Count ?? 0;

step(
  "contract-kept",
  async () => {
    // Chapter 01's contract as shipped, not a copy the lab could have edited.
    const contract = path.join(lab.projectDir, "solutions", "01-monolith");
    const { yours } = await runContract(contract, { yours: api("") });
    expectThat(
      yours !== undefined && yours.problem === undefined,
      "chapter 01's contract tests to run",
      yours?.problem ?? "",
    );
    expectThat(
      yours.passed,
      "chapter 01's contract to pass against your services",
      `these failed:\n${yours.failures.map((f) => `  ${f}`).join("\n")}`,
    );
  },
  90_000,
);

step("payments-route", async () => {
  const res = await http("POST", api("/v1/payments"), charge());
  const gatewayNotFound = res.status === 404 && res.json?.message === "Not Found";
  expectThat(
    !gatewayNotFound,
    "POST /v1/payments to reach a function",
    "API Gateway answered 404 Not Found: no route matches",
  );
});

step("payments-charge", async () => {
  const approved = await http("POST", api("/v1/payments"), charge());
  expectThat(approved.status === 201, "an approved charge to answer 201", describe(approved));
  const stored = await payment(approved.json?.paymentId);
  expectThat(stored !== undefined, "the payment in the payments table under its paymentId", describe(approved));
  expectThat(
    stored.status === "approved" && stored.orderId === "checker-order" && stored.amountCents === 4200,
    "the stored payment to say approved, with the orderId and amountCents sent",
    `the table holds ${JSON.stringify(stored)}`,
  );
  const keepsCard = Object.entries(stored).find(([, value]) => String(value).includes(APPROVED));
  expectThat(
    keepsCard === undefined,
    "the card number not to be stored",
    `the payment record keeps it in ${keepsCard?.[0]}`,
  );

  const declined = await http("POST", api("/v1/payments"), charge({ card: DECLINED }));
  expectThat(declined.status === 402, "a declined card to answer 402", describe(declined));
  expectThat(
    typeof declined.json?.paymentId === "string",
    "the 402 answer to carry the payment record, with its paymentId",
    describe(declined),
  );
  const record = await payment(declined.json.paymentId);
  expectThat(
    record?.status === "declined",
    "the declined attempt to be stored as declined",
    `the table holds ${JSON.stringify(record)}`,
  );
});

step("payments-validation", async () => {
  const before = await countPayments();
  const cases: [Record<string, unknown>, string][] = [
    [{ amountCents: 0 }, "amountCents"],
    [{ amountCents: 12.5 }, "amountCents"],
    [{ amountCents: "4200" }, "amountCents"],
    [{ card: "1234" }, "card"],
    [{ orderId: "" }, "orderId"],
  ];
  for (const [change, field] of cases) {
    const res = await http("POST", api("/v1/payments"), charge(change));
    expectThat(res.status === 400, `POST /v1/payments with ${JSON.stringify(change)} to answer 400`, describe(res));
    expectThat(res.text.includes(field), `the 400 to name the field "${field}"`, describe(res));
  }
  const after = await countPayments();
  expectThat(after === before, "no payment stored for a rejected request", `the table grew from ${before} to ${after}`);
});

step("orders-call-payments", async () => {
  const stock = await http("PUT", api("/v1/inventory/accelerate"), { stock: 5 });
  expectThat(stock.status === 200, "PUT /v1/inventory/accelerate to set the stock", describe(stock));
  const order = { sku: "accelerate", quantity: 2, email: "checker@example.com", card: APPROVED };
  const since = Date.now();
  const placed = await http("POST", api("/v1/orders"), order);
  expectThat(placed.status === 201, "POST /v1/orders to answer 201", describe(placed));
  const paid = await payment(placed.json?.paymentId);
  expectThat(
    paid !== undefined,
    "the order's paymentId to name a payment in the payments service's table",
    `the order says paymentId ${JSON.stringify(placed.json?.paymentId)}, and the payments table has no such payment`,
  );
  expectThat(
    paid.orderId === placed.json.orderId && paid.amountCents === placed.json.totalCents,
    "that payment to carry the order's id and total",
    `it holds ${JSON.stringify(paid)}`,
  );
  const charges = await invocationsSince(lab.target, lab.output("paymentsFunction"), since);
  expectThat(
    charges > 0,
    "the payments service to have run for the order (orders calls POST /v1/payments)",
    "the payments function did not run: the payment was written by someone else",
  );
});

step("least-privilege", async () => {
  const lambda = new LambdaClient(lab.clientConfig);
  const iam = new IAMClient(lab.clientConfig);
  const dynamo = new DynamoDBClient(lab.clientConfig);
  const tableArn = async (service: string) =>
    (await dynamo.send(new DescribeTableCommand({ TableName: lab.output(`${service}Table`) }))).Table?.TableArn ?? "";
  const tables = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await tableArn(s)] as const)));
  const actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Scan"];

  const problems: string[] = [];
  for (const service of SERVICES) {
    const fn = lab.output(`${service}Function`);
    const { Role } = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
    for (const owner of SERVICES) {
      const { EvaluationResults = [] } = await iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: Role,
          ActionNames: actions,
          ResourceArns: [tables[owner] ?? ""],
        }),
      );
      const allowed = EvaluationResults.filter((r) => r.EvalDecision === "allowed").map((r) => r.EvalActionName);
      if (owner === service && allowed.length < actions.length) {
        problems.push(`${service} cannot ${actions.filter((a) => !allowed.includes(a)).join(", ")} its own table`);
      }
      if (owner !== service && allowed.length > 0)
        problems.push(`${service} may ${allowed.join(", ")} on the ${owner} table`);
    }
  }
  expectThat(problems.length === 0, "each service to reach its own table and no other", problems.join("; "));
});
