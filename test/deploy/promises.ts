// What each ready lab promises about its own shape once deployed, beyond the
// rules every lab keeps (audit.ts). A lab that becomes ready adds its entry.
import type { Evaluation } from "../../course/graph/evaluate.ts";

export type Promises = (ev: Evaluation) => string[];

export const PROMISES: Record<string, Promises> = {
  "00-first-function": ({ graph }) => {
    const problems: string[] = [];
    const routes = graph.httpApis.flatMap((a) => a.routes.map((r) => r.routeKey)).sort();
    if (graph.httpApis.length !== 1) problems.push(`${graph.httpApis.length} HTTP APIs, not one`);
    if (JSON.stringify(routes) !== JSON.stringify(["GET /health", "GET /orders/{id}", "POST /orders"])) {
      problems.push(`routes are ${routes.join(", ")}`);
    }
    if (graph.tables.length !== 1) problems.push(`${graph.tables.length} tables, not one`);
    const table = graph.tables[0];
    for (const fn of graph.functions) {
      // `link: [orders]` grants dynamodb:* on the table and its indexes, and nothing else; health links nothing.
      const dynamo = fn.policy.filter((s) => s.Action.some((a) => a.startsWith("dynamodb:")));
      const linked = !fn.handler.endsWith(".health");
      const expected = table ? [table.arn, `${table.arn}/*`] : [];
      if (linked && (dynamo.length !== 1 || JSON.stringify(dynamo[0]!.Resource) !== JSON.stringify(expected))) {
        problems.push(`${fn.handler} should reach exactly the Orders table and its indexes`);
      }
      if (!linked && fn.policy.length > 0) problems.push(`${fn.handler} should have no permissions of its own`);
      if (fn.timeoutSeconds > 5 || fn.memoryMB > 256) problems.push(`${fn.handler} is larger than 5 s / 256 MB`);
    }
    return problems;
  },
  "01-monolith": ({ graph }) => {
    const problems: string[] = [];
    const routes = graph.httpApis.flatMap((a) => a.routes.map((r) => r.routeKey));
    if (JSON.stringify(routes) !== JSON.stringify(["ANY /v1/{proxy+}"]))
      problems.push(`routes are ${routes.join(", ")}`);
    if (graph.functions.length !== 1) problems.push(`${graph.functions.length} functions, not one monolith`);
    if (graph.tables.length !== 1) problems.push(`${graph.tables.length} tables, not one`);
    const [fn, table] = [graph.functions[0], graph.tables[0]];
    if (fn && table && !fn.policy.some((s) => s.Resource.includes(table.arn))) {
      problems.push("the monolith cannot reach its table");
    }
    if (fn && (fn.timeoutSeconds > 10 || fn.memoryMB > 512)) problems.push("the monolith is larger than 10 s / 512 MB");
    return problems;
  },
  "02-microservices": ({ graph }) => {
    const problems: string[] = [];
    const routes = graph.httpApis.flatMap((a) => a.routes.map((r) => r.routeKey));
    const unversioned = routes.filter((r) => !/^[A-Z]+ \/v1\//.test(r));
    if (unversioned.length > 0) problems.push(`routes outside /v1: ${unversioned.join(", ")}`);
    if (graph.tables.length !== 3) problems.push(`${graph.tables.length} tables, not one per service`);
    // Each service's function reaches exactly one table: its own.
    for (const fn of graph.functions) {
      const tables = graph.tables.filter((t) => fn.policy.some((s) => s.Resource.includes(t.arn)));
      const isHealth = fn.handler.endsWith("health.handler");
      if (isHealth ? tables.length > 0 : tables.length !== 1) {
        problems.push(`${fn.handler} reaches ${tables.map((t) => t.id).join(", ") || "no table"}`);
      }
    }
    return problems;
  },
  "03-queues": ({ graph }) => {
    const problems: string[] = [];
    const routes = graph.httpApis.flatMap((a) => a.routes.map((r) => r.routeKey)).sort();
    for (const route of ["POST /v1/orders", "GET /v1/orders/{orderId}", "GET /v1/shipments/{orderId}"]) {
      if (!routes.includes(route)) problems.push(`no route ${route}`);
    }
    // One queue with a consumer, redriven to a dead-letter queue nobody consumes.
    const [mapping, ...more] = graph.eventSourceMappings;
    if (!mapping || more.length > 0) problems.push(`${graph.eventSourceMappings.length} queue consumers, not one`);
    const queue = graph.queues.find((q) => q.arn === mapping?.eventSourceArn);
    const dlq = graph.queues.find((q) => q.arn === queue?.redrive?.deadLetterTargetArn);
    if (graph.queues.length !== 2 || !queue || !dlq) problems.push("not one queue redriven to a dead-letter queue");
    if (queue?.redrive && queue.redrive.maxReceiveCount > 5)
      problems.push("a poison message is received more than 5 times");
    if (mapping && !mapping.reportBatchItemFailures) problems.push("the consumer cannot report partial batch failures");
    const consumer = graph.functions.find((f) => f.arn === mapping?.functionArn);
    if (queue && consumer && queue.visibilityTimeoutSeconds < consumer.timeoutSeconds) {
      problems.push(
        "the queue's visibility timeout is shorter than its consumer's timeout: Lambda refuses the mapping",
      );
    }
    // Orders sends to the queue and the consumer receives from it (both link it, which grants sqs:*); nothing else reaches it.
    const allows = (fn: (typeof graph.functions)[number], action: string) =>
      fn.policy.some(
        (s) => queue && s.Resource.includes(queue.arn) && s.Action.some((a) => a === action || a === "sqs:*"),
      );
    for (const fn of graph.functions) {
      const orders = fn.handler.endsWith("/orders/handler.handler");
      if (orders && !allows(fn, "sqs:SendMessage")) problems.push("orders may not send to the queue");
      if (fn === consumer && !["sqs:ReceiveMessage", "sqs:DeleteMessage"].every((a) => allows(fn, a))) {
        problems.push(
          "the consumer's role may not receive and delete the queue's messages: Lambda refuses the mapping",
        );
      }
      if (!orders && fn !== consumer && fn.policy.some((s) => queue && s.Resource.includes(queue.arn))) {
        problems.push(`${fn.handler} reaches the queue`);
      }
    }
    for (const fn of graph.functions) {
      if (fn.timeoutSeconds > 15 || fn.memoryMB > 256) problems.push(`${fn.handler} is larger than 15 s / 256 MB`);
    }
    return problems;
  },
  "04-events": ({ graph }) => {
    const problems: string[] = [];
    const routes = graph.httpApis.flatMap((a) => a.routes.map((r) => r.routeKey));
    for (const route of ["POST /v1/orders", "GET /v1/orders/{orderId}"]) {
      if (!routes.includes(route)) problems.push(`no route ${route}`);
    }
    // One bus; every rule on it belongs to one subscriber and matches less than everything.
    const [bus, ...moreBuses] = graph.buses;
    if (!bus || moreBuses.length > 0) problems.push(`${graph.buses.length} buses, not one`);
    for (const rule of graph.rules) {
      if (rule.busName !== bus?.name) problems.push(`rule ${rule.id} is not on the shop's bus`);
      if (rule.targets.length !== 1) problems.push(`rule ${rule.id} has ${rule.targets.length} targets, not one`);
      const pattern = JSON.parse(rule.eventPattern || "{}") as Record<string, unknown>;
      if (!pattern.source || JSON.stringify(pattern.source) === '[{"prefix":""}]')
        problems.push(`rule ${rule.id} matches every event on the bus`);
    }
    // Only orders may put events on the bus.
    for (const fn of graph.functions) {
      const puts = fn.policy.some((s) => bus && s.Resource.includes(bus.arn));
      if (puts !== fn.handler.endsWith("/orders/handler.handler")) {
        problems.push(`${fn.handler} ${puts ? "may" : "may not"} put events on the bus`);
      }
    }
    // One topic fanned out to two queues, each subscription filtered; nothing polls the queues.
    if (graph.topics.length !== 1) problems.push(`${graph.topics.length} topics, not one`);
    const toQueues = graph.topicSubscriptions.filter((s) => s.protocol === "sqs");
    if (toQueues.length !== 2) problems.push(`${toQueues.length} queue subscriptions, not two`);
    for (const sub of toQueues) if (!sub.filterPolicy) problems.push(`the subscription ${sub.id} has no filter policy`);
    if (graph.eventSourceMappings.length > 0) problems.push("a function polls a queue: idle polling is billed");
    for (const fn of graph.functions) {
      if (fn.timeoutSeconds > 15 || fn.memoryMB > 256) problems.push(`${fn.handler} is larger than 15 s / 256 MB`);
    }
    return problems;
  },
};
