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
};
