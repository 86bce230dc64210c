import { defineLab } from "../../../course/lab-runner/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "02-microservices",
  title: "Two-pizza microservices",
  summary:
    "Decompose for agility: services that do one thing, each owned by one team, behind an API as the hardened contract.",
  status: "ready",
  minutes: 50,
  goals: [
    "Split the shop into orders, inventory and payments, each with its own function and table",
    "Put one API Gateway in front as the front door, with versioned routes",
    "Validate requests in each service with a schema, and keep chapter 01's contract passing unchanged",
    "Prove least privilege: a service cannot touch another service's table",
  ],
  chapter: "/chapters/02-microservices/",
  cost: {
    perDayUsd: 0,
    basis:
      "three functions, one HTTP API and a table per service, all billed per request (Lambda, HTTP API, DynamoDB on demand); an idle table costs only its storage at $0.25 per GB-month",
  },
  steps: [
    {
      id: "contract-kept",
      title: "Chapter 01's contract still passes",
      task: "Start the lab: inventory already runs as a service of its own. Run chapter 01's contract tests (contract/) against it; keep them passing, unchanged, through every step.",
      hints: [
        "Run `npx course up 02-microservices`, wait for `ready`, then `npx vitest run --root labs/02-microservices` to see which contract test fails.",
        "Clients only see the routes, status codes and fields. Whatever you move between services, POST /v1/orders must still answer 201, 400, 402, 409 as before.",
      ],
      docs: "#the-contract-holds",
    },
    {
      id: "payments-route",
      title: "The front door routes /v1/payments to the payments service",
      task: "In payments/infra.ts, give payments its own table and function, and route POST /v1/payments and GET /v1/payments/{paymentId} to it. Call it from infra.ts.",
      hints: [
        "An HTTP API answers only the routes it knows: until payments has routes, API Gateway answers 404 itself. inventory/infra.ts is a service made the same way.",
        '`api.route("POST /v1/payments", service.arn)` sends a route to a function you created with `new sst.aws.Function`; return the table and function so infra.ts can output their names as `paymentsTable` and `paymentsFunction`.',
      ],
      docs: "#a-service-of-its-own",
    },
    {
      id: "payments-charge",
      title: "POST /v1/payments charges the card and keeps the record",
      task: "In payments/handler.ts, charge the card with chargeCard, store the payment in the payments table, and answer 201 when approved or 402 when declined.",
      hints: [
        "The payments service owns the record of every attempt, approved or declined; nobody else writes it. The table you linked is `Resource.Payments`.",
        'Answer 201 with `{ paymentId, orderId, amountCents, status: "approved" }`, or 402 with status "declined". Store both; do not store the card number.',
      ],
      docs: "#a-service-of-its-own",
    },
    {
      id: "payments-validation",
      title: "A bad payment request gets a 400 that names the field",
      task: "Validate POST /v1/payments with a zod schema: orderId a non-empty string, amountCents a positive whole number, card 16 digits. Answer 400 naming the field, and store nothing.",
      hints: [
        "API Gateway HTTP APIs do not validate request bodies: each service guards its own contract, at its own front door, before it acts.",
        "`parseBody(event, ChargeRequest)` from shared/http.ts answers 400 with the path of the first invalid field. Define `ChargeRequest` with `z.object({ … })`.",
      ],
      docs: "#validation-at-every-door",
    },
    {
      id: "orders-call-payments",
      title: "Orders pays through the payments API",
      task: "In orders/handler.ts, stop charging cards inline: call POST /v1/payments through the front door and keep the paymentId on the order. A declined card must still give 402 and release the stock.",
      hints: [
        "A service reaches another only through its API: orders knows the payments routes and replies, never its table or its code.",
        '`callService("POST", "/v1/payments", { orderId, amountCents, card })` from shared/service-api.ts calls the front door. Status 402 means declined; put the stock back as the starter does today.',
      ],
      docs: "#calling-another-service",
    },
    {
      id: "least-privilege",
      title: "Each service can reach its own table and no other",
      task: "Link each service's function to its own table only. The checker asks IAM whether each function may read or write each table.",
      hints: [
        "Full ownership means no other team's code can change your data behind your API. IAM is where that is enforced, not a convention.",
        "`link: [table]` grants access to exactly that table. Orders links its own table and the API; payments and inventory link only their own tables.",
      ],
      docs: "#least-privilege",
    },
  ],
  starterPasses: ["contract-kept"],
  carried: {
    from: "01-monolith",
    files: ["contract/shop-client.ts", "contract/shop.contract.test.ts"],
  },
});
