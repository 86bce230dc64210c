// One architecture diagram per chapter: the shop as it grows. Each diagram is
// data; Diagram.astro draws it as inline SVG and writes its text alternative
// from the same data, so picture and description always agree.

export type NodeKind =
  | "client"
  | "api"
  | "function"
  | "table"
  | "queue"
  | "topic"
  | "bus"
  | "stream"
  | "workflow"
  | "service"
  | "observability"
  | "pipeline"
  | "repo"
  | "account"
  | "guardrail";

export interface DiagramNode {
  id: string;
  label: string;
  kind: NodeKind;
  x: number;
  y: number;
  w?: number;
  h?: number;
  sub?: string;
  /** added or changed in this chapter */
  isNew?: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label?: string;
  dashed?: boolean;
}

export interface DiagramSpec {
  /** short name, read first by screen readers */
  title: string;
  /** one or two sentences shown under the picture */
  caption: string;
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export const KIND_LABEL: Record<NodeKind, string> = {
  client: "Client",
  api: "API Gateway",
  function: "Lambda",
  table: "DynamoDB",
  queue: "SQS queue",
  topic: "SNS topic",
  bus: "EventBridge",
  stream: "Stream",
  workflow: "Step Functions",
  service: "Service",
  observability: "OpenTelemetry",
  pipeline: "GitHub Actions",
  repo: "Repository",
  account: "AWS account",
  guardrail: "Guardrails",
};

export const KIND_GROUP: Record<NodeKind, "compute" | "data" | "integration" | "other"> = {
  client: "other",
  api: "integration",
  function: "compute",
  table: "data",
  queue: "integration",
  topic: "integration",
  bus: "integration",
  stream: "data",
  workflow: "integration",
  service: "compute",
  observability: "other",
  pipeline: "other",
  repo: "other",
  account: "other",
  guardrail: "other",
};

export const DIAGRAMS: Record<string, DiagramSpec> = {
  "00-first-function": {
    title: "Lab 00: an HTTP API, one function, one table",
    caption:
      "A request comes in through the HTTP API, which invokes the orders function; the function stores and reads orders in a DynamoDB table. No server is yours to run.",
    width: 730,
    height: 120,
    nodes: [
      { id: "you", label: "You", kind: "client", sub: "curl or the checker", x: 10, y: 32, w: 130 },
      { id: "api", label: "HTTP API", kind: "api", sub: "3 routes", x: 200, y: 32 },
      { id: "fn", label: "orders", kind: "function", sub: "health · create · get", x: 390, y: 32, w: 140 },
      { id: "table", label: "Orders", kind: "table", sub: "key: orderId", x: 590, y: 32 },
    ],
    edges: [
      { from: "you", to: "api", label: "HTTP" },
      { from: "api", to: "fn", label: "invoke" },
      { from: "fn", to: "table", label: "put / get" },
    ],
  },
  "01-monolith": {
    title: "Chapter 01: the shop as one monolith",
    caption:
      "One route sends every /v1 request to one function, which holds orders, inventory, payments and mail, over one table that holds every kind of record. A change to any feature ships all of them.",
    width: 860,
    height: 130,
    nodes: [
      { id: "you", label: "Customers", kind: "client", sub: "and your contract tests", x: 10, y: 36, w: 150 },
      { id: "api", label: "HTTP API", kind: "api", sub: "ANY /v1/{proxy+}", x: 205, y: 36 },
      {
        id: "shop",
        label: "Monolith",
        kind: "function",
        sub: "orders, inventory, payments, mail",
        x: 425,
        y: 30,
        w: 200,
        h: 68,
        isNew: true,
      },
      { id: "table", label: "Shop", kind: "table", sub: "pk: ORDER#, STOCK#, …", x: 715, y: 36, w: 136, isNew: true },
    ],
    edges: [
      { from: "you", to: "api", label: "HTTP" },
      { from: "api", to: "shop", label: "every route" },
      { from: "shop", to: "table", label: "all records" },
    ],
  },
  "02-microservices": {
    title: "Chapter 02: three services behind one front door",
    caption:
      "API Gateway is the front door: it sends each /v1 route to the service that owns it, and GET /v1/health to a small function of its own. Orders reaches inventory and payments only through their routes on the same API (dashed). Each service's function can reach its own table and no other.",
    width: 790,
    height: 310,
    nodes: [
      { id: "you", label: "Customers", kind: "client", x: 10, y: 130, w: 120 },
      { id: "api", label: "HTTP API", kind: "api", sub: "front door, /v1", x: 170, y: 130 },
      { id: "health", label: "health", kind: "function", sub: "the door's own route", x: 170, y: 240, isNew: true },
      { id: "inventory", label: "inventory", kind: "function", sub: "Inventory team", x: 440, y: 20, isNew: true },
      { id: "orders", label: "orders", kind: "function", sub: "Orders team", x: 440, y: 130, isNew: true },
      { id: "payments", label: "payments", kind: "function", sub: "Payments team", x: 440, y: 240, isNew: true },
      { id: "t-inventory", label: "Inventory", kind: "table", sub: "key: sku", x: 650, y: 20, isNew: true },
      { id: "t-orders", label: "Orders", kind: "table", sub: "key: orderId", x: 650, y: 130, isNew: true },
      { id: "t-payments", label: "Payments", kind: "table", sub: "key: paymentId", x: 650, y: 240, isNew: true },
    ],
    edges: [
      { from: "you", to: "api" },
      { from: "api", to: "health", label: "GET /v1/health" },
      { from: "api", to: "inventory", label: "/v1/inventory/{sku}…" },
      { from: "api", to: "orders", label: "/v1/orders…" },
      { from: "api", to: "payments", label: "/v1/payments…" },
      { from: "orders", to: "inventory", label: "through the API", dashed: true },
      { from: "orders", to: "payments", label: "through the API", dashed: true },
      { from: "inventory", to: "t-inventory" },
      { from: "orders", to: "t-orders" },
      { from: "payments", to: "t-payments" },
    ],
  },
  "03-queues": {
    title: "Chapter 03: shipping behind a queue",
    caption:
      "Orders stores the order, sends an OrderPlaced message to the Fulfilment queue and answers at once. Lambda polls the queue and calls ShippingConsumer with batches; it books each order with the carrier stand-in, which records every call in CarrierCalls, and keeps the shipment in Shipments, which GET /v1/shipments/{orderId} reads. A message received twice without success moves to FulfilmentDeadLetters.",
    width: 910,
    height: 360,
    nodes: [
      { id: "api", label: "HTTP API", kind: "api", sub: "front door, /v1", x: 10, y: 80 },
      {
        id: "others",
        label: "inventory, payments",
        kind: "service",
        sub: "as in chapter 02",
        x: 170,
        y: 4,
        w: 160,
      },
      { id: "orders", label: "orders", kind: "function", sub: "201, fulfilment pending", x: 170, y: 150, w: 160 },
      { id: "t-orders", label: "Orders", kind: "table", sub: "key: orderId", x: 184, y: 290 },
      {
        id: "queue",
        label: "Fulfilment",
        kind: "queue",
        sub: "standard, visibility 3 s",
        x: 360,
        y: 150,
        w: 190,
        isNew: true,
      },
      {
        id: "dlq",
        label: "FulfilmentDeadLetters",
        kind: "queue",
        sub: "after 2 receives",
        x: 360,
        y: 290,
        w: 190,
        isNew: true,
      },
      {
        id: "consumer",
        label: "ShippingConsumer",
        kind: "function",
        sub: "batches, partial failures",
        x: 590,
        y: 150,
        w: 160,
        isNew: true,
      },
      {
        id: "shipsvc",
        label: "ShippingService",
        kind: "function",
        sub: "GET /v1/shipments/…",
        x: 590,
        y: 4,
        w: 160,
        isNew: true,
      },
      { id: "t-shipments", label: "Shipments", kind: "table", sub: "key: orderId", x: 770, y: 80, isNew: true },
      {
        id: "t-calls",
        label: "CarrierCalls",
        kind: "table",
        sub: "the carrier's books",
        x: 770,
        y: 230,
        isNew: true,
      },
    ],
    edges: [
      { from: "api", to: "orders", label: "POST /v1/orders" },
      { from: "api", to: "others" },
      { from: "api", to: "shipsvc", label: "GET /v1/shipments/…" },
      { from: "orders", to: "others", label: "through the API", dashed: true },
      { from: "orders", to: "t-orders" },
      { from: "orders", to: "queue", label: "SendMessage" },
      { from: "queue", to: "consumer", label: "batch" },
      { from: "queue", to: "dlq", label: "after 2 receives", dashed: true },
      { from: "consumer", to: "t-shipments" },
      { from: "consumer", to: "t-calls" },
      { from: "shipsvc", to: "t-shipments" },
    ],
  },
  "04-events": {
    title: "Chapter 04: one event on a bus, a rule per subscriber, a queue per channel",
    caption:
      "Orders still asks inventory and payments first, through the API. Once the order is paid for and stored, it puts one OrderPlaced on the ShopBus, an EventBridge bus. Each subscriber owns a rule: analytics takes every event whose source starts with shop., loyalty only OrderPlaced of 5000 cents or more, notifications every OrderPlaced. Notifications publishes one message per order to an SNS topic, and a filter policy on each subscription sends it to the email queue or the SMS queue.",
    width: 900,
    height: 430,
    nodes: [
      {
        id: "calls",
        label: "inventory · payments",
        kind: "service",
        sub: "called through the API",
        x: 10,
        y: 40,
        w: 170,
      },
      {
        id: "orders",
        label: "orders",
        kind: "function",
        sub: "stores, then puts the event",
        x: 10,
        y: 180,
        w: 170,
        isNew: true,
      },
      { id: "bus", label: "ShopBus", kind: "bus", sub: "custom bus, 3 rules", x: 250, y: 180, w: 140, isNew: true },
      {
        id: "analytics",
        label: "analytics",
        kind: "function",
        sub: "rule: source prefix shop.",
        x: 460,
        y: 20,
        w: 200,
        isNew: true,
      },
      {
        id: "loyalty",
        label: "loyalty",
        kind: "function",
        sub: "rule: OrderPlaced, ≥ 5000 cents",
        x: 460,
        y: 110,
        w: 200,
        isNew: true,
      },
      {
        id: "notifications",
        label: "notifications",
        kind: "function",
        sub: "rule: OrderPlaced",
        x: 460,
        y: 200,
        w: 200,
        isNew: true,
      },
      {
        id: "topic",
        label: "CustomerNotifications",
        kind: "topic",
        sub: "channel attribute",
        x: 460,
        y: 310,
        w: 200,
        isNew: true,
      },
      {
        id: "q-email",
        label: "EmailQueue",
        kind: "queue",
        sub: "filter: channel email",
        x: 730,
        y: 260,
        w: 160,
        isNew: true,
      },
      {
        id: "q-sms",
        label: "SmsQueue",
        kind: "queue",
        sub: "filter: channel sms",
        x: 730,
        y: 360,
        w: 160,
        isNew: true,
      },
    ],
    edges: [
      { from: "orders", to: "calls", label: "reserve, charge", dashed: true },
      { from: "orders", to: "bus", label: "PutEvents" },
      { from: "bus", to: "analytics" },
      { from: "bus", to: "loyalty" },
      { from: "bus", to: "notifications" },
      { from: "notifications", to: "topic", label: "publish" },
      { from: "topic", to: "q-email" },
      { from: "topic", to: "q-sms" },
    ],
  },
  "05-streams": {
    title: "Chapter 05: data streams",
    caption:
      "Order events go into a Kinesis data stream, read in order per partition key by the analytics function. Changes to the Orders table flow through DynamoDB Streams to a function that keeps a view up to date.",
    width: 780,
    height: 250,
    nodes: [
      { id: "api", label: "API Gateway", kind: "api", x: 10, y: 96 },
      { id: "orders", label: "Orders", kind: "service", x: 180, y: 96 },
      { id: "table", label: "Orders", kind: "table", x: 390, y: 10 },
      {
        id: "ddbstream",
        label: "table changes",
        kind: "stream",
        sub: "DynamoDB Streams",
        x: 600,
        y: 10,
        w: 150,
        isNew: true,
      },
      {
        id: "kinesis",
        label: "order-events",
        kind: "stream",
        sub: "Kinesis, per-key order",
        x: 390,
        y: 180,
        w: 150,
        isNew: true,
      },
      { id: "analytics", label: "analytics", kind: "function", sub: "retry, bisect", x: 610, y: 180, isNew: true },
      { id: "view", label: "order-view", kind: "function", sub: "keeps a view", x: 610, y: 96, isNew: true },
    ],
    edges: [
      { from: "api", to: "orders" },
      { from: "orders", to: "table", label: "write" },
      { from: "orders", to: "kinesis", label: "put record" },
      { from: "table", to: "ddbstream", label: "change" },
      { from: "ddbstream", to: "view" },
      { from: "kinesis", to: "analytics", label: "shard" },
    ],
  },
  "06-workflows": {
    title: "Chapter 06: checkout as a workflow",
    caption:
      "A Step Functions state machine runs checkout: reserve stock, charge the payment, ship. Retries and error handling live in the workflow's Retry and Catch, and every execution keeps its history.",
    width: 780,
    height: 250,
    nodes: [
      { id: "api", label: "API Gateway", kind: "api", x: 10, y: 96 },
      { id: "orders", label: "Orders", kind: "service", x: 180, y: 96 },
      {
        id: "sfn",
        label: "checkout",
        kind: "workflow",
        sub: "Retry · Catch · history",
        x: 380,
        y: 90,
        w: 170,
        h: 68,
        isNew: true,
      },
      { id: "reserve", label: "reserve", kind: "function", sub: "Inventory", x: 620, y: 10 },
      { id: "charge", label: "charge", kind: "function", sub: "Payments", x: 620, y: 96 },
      { id: "ship", label: "ship", kind: "function", sub: "Shipping", x: 620, y: 182 },
    ],
    edges: [
      { from: "api", to: "orders" },
      { from: "orders", to: "sfn", label: "start" },
      { from: "sfn", to: "reserve", label: "1" },
      { from: "sfn", to: "charge", label: "2" },
      { from: "sfn", to: "ship", label: "3" },
    ],
  },
  "07-tracing": {
    title: "Chapter 07: one trace across the shop",
    caption:
      "Every function sends spans to an OpenTelemetry collector. Trace context travels with each request and inside SQS message attributes, so one order is one trace from the API to shipping.",
    width: 780,
    height: 270,
    nodes: [
      { id: "api", label: "API Gateway", kind: "api", x: 10, y: 20 },
      { id: "orders", label: "Orders", kind: "service", x: 190, y: 20 },
      { id: "queue", label: "fulfilment", kind: "queue", sub: "traceparent inside", x: 390, y: 20, w: 150 },
      { id: "ship", label: "ship", kind: "function", x: 620, y: 20 },
      {
        id: "otel",
        label: "collector",
        kind: "observability",
        sub: "spans in, traces out",
        x: 390,
        y: 190,
        w: 150,
        isNew: true,
      },
      {
        id: "viewer",
        label: "trace viewer",
        kind: "observability",
        sub: "or X-Ray via ADOT",
        x: 620,
        y: 190,
        isNew: true,
      },
    ],
    edges: [
      { from: "api", to: "orders" },
      { from: "orders", to: "queue", label: "send" },
      { from: "queue", to: "ship" },
      { from: "orders", to: "otel", label: "spans", dashed: true },
      { from: "ship", to: "otel", label: "spans", dashed: true },
      { from: "otel", to: "viewer" },
    ],
  },
  "08-delivery": {
    title: "Chapter 08: a pipeline per service",
    caption:
      "New services start from a template. Each service's repository has its own pipeline, which deploys with a short-lived role through OIDC, inside guardrails that every account shares.",
    width: 780,
    height: 260,
    nodes: [
      { id: "template", label: "service template", kind: "repo", sub: "cookie-cutter", x: 10, y: 100, w: 150 },
      { id: "r-orders", label: "orders", kind: "repo", x: 210, y: 20 },
      { id: "r-payments", label: "payments", kind: "repo", x: 210, y: 180 },
      { id: "p-orders", label: "pipeline", kind: "pipeline", sub: "test · deploy", x: 410, y: 20, isNew: true },
      { id: "p-payments", label: "pipeline", kind: "pipeline", sub: "test · deploy", x: 410, y: 180, isNew: true },
      {
        id: "guard",
        label: "guardrails",
        kind: "guardrail",
        sub: "policies, tags, checks",
        x: 410,
        y: 100,
        isNew: true,
      },
      { id: "aws", label: "staging → prod", kind: "account", sub: "one stack per service", x: 620, y: 100, w: 150 },
    ],
    edges: [
      { from: "template", to: "r-orders", label: "generate" },
      { from: "template", to: "r-payments", label: "generate" },
      { from: "r-orders", to: "p-orders", label: "push" },
      { from: "r-payments", to: "p-payments", label: "push" },
      { from: "p-orders", to: "aws", label: "OIDC" },
      { from: "p-payments", to: "aws", label: "OIDC" },
      { from: "guard", to: "aws", dashed: true },
    ],
  },
};

export function getDiagram(slug: string): DiagramSpec {
  const spec = DIAGRAMS[slug];
  if (!spec) throw new Error(`No diagram for "${slug}" in site/lib/diagrams.ts`);
  return spec;
}

/** The diagram as sentences, for screen readers and for the figure's caption. */
export function describe(spec: DiagramSpec): { parts: string[]; flows: string[]; added: string[] } {
  const name = (id: string) => {
    const n = spec.nodes.find((x) => x.id === id);
    return n ? `${n.label} (${KIND_LABEL[n.kind]})` : id;
  };
  return {
    parts: spec.nodes.map((n) => `${n.label}: ${KIND_LABEL[n.kind]}${n.sub ? `, ${n.sub}` : ""}`),
    flows: spec.edges.map((e) => `${name(e.from)} → ${name(e.to)}${e.label ? ` (${e.label})` : ""}`),
    added: spec.nodes.filter((n) => n.isNew).map((n) => n.label),
  };
}
