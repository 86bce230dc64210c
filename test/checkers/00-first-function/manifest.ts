import { defineLab } from "../../../course/lab-runner/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "00-first-function",
  title: "Your first function",
  summary: "Serverless is an operational model: a function, an API and a table, and no servers to run.",
  status: "ready",
  minutes: 30,
  goals: [
    "Define an HTTP API, a function and a DynamoDB table with SST, and run them in the local cloud",
    "Handle an API Gateway request in a Lambda function and return a proper HTTP response",
    "Store and read an item in DynamoDB with the AWS SDK, using `link` to reach the table",
    "Validate input at the edge of your function and answer bad requests with a 400",
  ],
  chapter: "/chapters/00-first-function/",
  cost: {
    perDayUsd: 0,
    basis:
      "Lambda, HTTP API and on-demand DynamoDB are billed per request; a lab's worth of requests stays inside the free tier",
  },
  steps: [
    {
      id: "health",
      title: "The API answers GET /health",
      task: "Start the lab and call GET /health: it already works, and shows you the shape of a handler.",
      hints: [
        "Run `npx course up 00-first-function`, wait for the line that starts with `ready`, then run the check again.",
        "The health route is in infra.ts; its handler is `health` in src/orders.ts. It must return status 200 and a JSON body.",
      ],
      docs: "#the-shape-of-a-handler",
    },
    {
      id: "create-route",
      title: "POST /orders is routed to a function",
      task: "Add a route for POST /orders to the API in infra.ts, handled by `create` in src/orders.ts, linked to the table.",
      hints: [
        "An HTTP API only answers the routes it knows; everything else is a 404 from API Gateway itself, before any function runs.",
        '`api.route("METHOD /path", { handler: ..., link: [...] })` adds a route. The handler string is `<file without extension>.<exported function>`.',
      ],
      docs: "#routes",
    },
    {
      id: "create-order",
      title: "POST /orders stores the order and answers 201",
      task: "In `create`, parse the JSON body, give the order an id, put it in the Orders table and answer 201 with the order.",
      hints: [
        "A function without state: everything you want to keep must go to a data store. Here that is the table you linked.",
        "`Resource.Orders.name` is the table's name. Use `PutCommand` from `@aws-sdk/lib-dynamodb`, and `randomUUID()` from `node:crypto` for the id.",
        "The response must be `{ statusCode: 201, body: JSON.stringify(order) }`, and the order must contain `orderId`, `item` and `quantity`.",
      ],
      docs: "#storing-an-order",
    },
    {
      id: "validate-order",
      title: "A bad order gets a 400 that names the field",
      task: "Reject a body without a non-empty `item` or with a `quantity` that is not a positive whole number: 400, and say which field is wrong.",
      hints: [
        "API Gateway HTTP APIs do not validate bodies: your function is the contract's guard. Check before you write anything.",
        'Answer `{ statusCode: 400, body: JSON.stringify({ message: "quantity must be a positive integer" }) }`; the message must contain the field\'s name.',
      ],
      docs: "#validating-input",
    },
    {
      id: "get-order",
      title: "GET /orders/{id} reads the order back",
      task: "Route GET /orders/{id} to `get`, read the item by its key and return it, or 404 when there is no such order.",
      hints: [
        "Path parameters arrive in `event.pathParameters`, named as in the route key.",
        "`GetCommand` with `Key: { orderId }` returns `{ Item }`; `Item` is undefined when nothing has that key.",
      ],
      docs: "#reading-it-back",
    },
  ],
  starterPasses: ["health"],
});
