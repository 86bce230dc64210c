import { defineLab } from "../../../course/lab-runner/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "01-monolith",
  title: "The monolith",
  summary: "One deployable that does everything: feel why many teams changing it slows everyone down.",
  status: "ready",
  minutes: 40,
  goals: [
    "Run the shop as one function behind one API over one table",
    "Complete the order flow with a conditional write that cannot oversell",
    "See the cost of the monolith: a fault in notifications reaches order placement",
    "Pin the public API down with contract tests of your own — the contract chapter 02 must keep",
  ],
  chapter: "/chapters/01-monolith/",
  cost: {
    perDayUsd: 0,
    basis:
      "one function behind one HTTP API over one on-demand DynamoDB table: Lambda ($0.20 per million requests), HTTP API ($1.00 per million) and DynamoDB on demand are billed per request, and a lab's worth stays inside the free tier; nothing bills while idle",
  },
  steps: [
    {
      id: "health",
      title: "The shop answers GET /v1/health",
      task: "Start the lab and call GET /v1/health. Then read src/shop.ts: one handler routes every request of the shop.",
      hints: [
        "Run `npx course up 01-monolith`, wait for the line that starts with `ready`, then run the check again.",
        "Every /v1 request reaches the one function through the route `ANY /v1/{proxy+}` in infra.ts; src/shop.ts picks the code to run.",
      ],
      docs: "#one-deployable",
    },
    {
      id: "reserve-stock",
      title: "An order takes its quantity out of stock",
      task: "Implement `reserve` in src/inventory.ts so that placing an order lowers the product's stock by the quantity ordered, and a declined card puts it back.",
      hints: [
        "Read the order flow in src/orders.ts: it reserves stock first and releases it when the card is declined. Only `reserve` is missing.",
        "Stock is one item per product, key `STOCK#<sku>`, attribute `available`. Before anyone buys, there is no item and the catalog's `initialStock` applies; `release` shows how to write that with `if_not_exists`.",
      ],
      docs: "#the-order-flow",
    },
    {
      id: "out-of-stock",
      title: "More than is in stock is refused with a 409",
      task: "Make `reserve` refuse a quantity larger than the stock with a 409, in the same write, so that two orders racing for the last copy cannot both win.",
      hints: [
        "An order that cannot be filled must leave no trace: no stock taken, no card charged, nothing stored. And reading the stock, then writing it, is two steps: another order can take the last copy in between.",
        "An `UpdateCommand` takes a `ConditionExpression`; when it is false DynamoDB changes nothing and throws `ConditionalCheckFailedException`. Turn that into `new ClientError(409, …)`.",
      ],
      docs: "#no-overselling",
    },
    {
      id: "survive-notification-failure",
      title: "An outage of the mail provider does not fail a paid order",
      task: 'Orders for addresses at bounce.example fail today: the mail provider is down for them. Keep such an order (201, stored, `notification: "pending"`) instead of answering 500 after the card was charged.',
      hints: [
        "In one process, one feature's failure is every feature's failure unless you contain it. Which step of the order flow may fail without the order failing?",
        'Store the order before you send the confirmation, and catch `MailProviderUnavailable` around the send; the order then keeps `notification: "pending"`.',
      ],
      docs: "#one-fault-everywhere",
    },
    {
      id: "contract-teeth",
      title: "Your contract tests pin the public API down",
      task: "Write contract tests in contract/shop.contract.test.ts. They must pass against your shop and fail against each of the checker's broken shops.",
      hints: [
        "A contract is what clients rely on: status codes, field names, what a bad request gets, what happens to stock. A test that only checks that something answers catches nothing.",
        "Run them yourself with `npx vitest run --root labs/01-monolith`. The checker names the broken shop your tests let through: pin down the behaviour that shop gets wrong.",
      ],
      docs: "#a-contract-with-teeth",
    },
  ],
  starterPasses: ["health"],
});
