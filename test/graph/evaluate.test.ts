// The local cloud's graph comes from SST's own components under Pulumi mocks.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { evaluateApp, GraphError } from "../../course/graph/evaluate.ts";
import { ROOT } from "../../course/paths.ts";

const EDGE = "http://127.0.0.1:4999";

describe("evaluating lab 00's solution", async () => {
  const first = await evaluateApp({ lab: "00-first-function", from: "solutions", stage: "graphtest", edgeUrl: EDGE });
  const { graph } = first;

  test("one function per route, each with its handler, timeout and memory from infra.ts", () => {
    const handlers = graph.functions.map((f) => f.handler).sort();
    expect(handlers).toEqual([
      "solutions/00-first-function/src/orders.create",
      "solutions/00-first-function/src/orders.get",
      "solutions/00-first-function/src/orders.health",
    ]);
    for (const fn of graph.functions) {
      expect(fn.timeoutSeconds).toBe(5);
      expect(fn.memoryMB).toBe(256);
      expect(fn.runtime).toBe("nodejs24.x");
    }
  });

  test("routes point at the functions SST created", () => {
    const [api] = graph.httpApis;
    const byKey = Object.fromEntries(api!.routes.map((r) => [r.routeKey, r.functionArn]));
    const create = graph.functions.find((f) => f.handler.endsWith(".create"))!;
    expect(Object.keys(byKey).sort()).toEqual(["GET /health", "GET /orders/{id}", "POST /orders"]);
    expect(byKey["POST /orders"]).toBe(create.arn);
  });

  test("links become SST_RESOURCE_ variables and IAM statements on the role", () => {
    const create = graph.functions.find((f) => f.handler.endsWith(".create"))!;
    const health = graph.functions.find((f) => f.handler.endsWith(".health"))!;
    const table = graph.tables[0]!;
    expect(JSON.parse(create.environment.SST_RESOURCE_Orders!)).toEqual({ name: table.name, type: "sst.aws.Dynamo" });
    expect(JSON.parse(create.environment.SST_RESOURCE_App!)).toEqual({
      name: "course-00-first-function",
      stage: "graphtest",
    });
    expect(create.policy.some((s) => s.Action.includes("dynamodb:*") && s.Resource.includes(table.arn))).toBe(true);
    expect(health.environment.SST_RESOURCE_Orders).toBeUndefined();
  });

  test("the table keeps its key schema, and outputs resolve to local URLs and names", () => {
    const table = graph.tables[0]!;
    expect(table.hashKey).toBe("orderId");
    expect(table.attributes).toEqual([{ name: "orderId", type: "S" }]);
    expect(graph.outputs.api).toBe(graph.httpApis[0]!.endpoint);
    expect(String(graph.outputs.api)).toMatch(/^http:\/\/127\.0\.0\.1:4999\/_aws\/execute-api\/\w+$/);
    expect(graph.outputs.ordersTable).toBe(table.name);
  });

  test("the same app on another port comes from the cache, with that port's URLs", async () => {
    const other = await evaluateApp({
      lab: "00-first-function",
      from: "solutions",
      stage: "graphtest",
      edgeUrl: "http://127.0.0.1:5001",
    });
    expect(other.cached).toBe(true);
    expect(String(other.graph.outputs.api)).toBe(String(graph.outputs.api).replace(":4999", ":5001"));
  });

  test("an unchanged app comes from the cache with the same names", async () => {
    const again = await evaluateApp({ lab: "00-first-function", from: "solutions", stage: "graphtest", edgeUrl: EDGE });
    expect(again.cached).toBe(true);
    expect(again.graph).toEqual(graph);
    expect(first.inputs).toContain(path.join(ROOT, "solutions/00-first-function/infra.ts"));
  });
});

test("a learner's mistake in infra.ts fails the way SST reports it, without hanging", async () => {
  // A throwaway lab folder: the glob import in infra/load-lab.ts picks it up like any lab.
  const lab = `zz-broken-${process.pid}`;
  const dir = path.join(ROOT, "labs", lab);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "orders.ts"), "export const health = async () => ({});\n");
  fs.writeFileSync(
    path.join(dir, "infra.ts"),
    `export default function infra({ dir }: { dir: string }) {
      const api = new sst.aws.ApiGatewayV2("Api");
      api.route("GET /health", { handler: \`\${dir}/src/nope.health\` });
      return { api: api.url };
    }\n`,
  );
  try {
    const evaluation = evaluateApp({ lab, from: "labs", stage: "graphtest", edgeUrl: EDGE });
    await expect(evaluation).rejects.toThrow(GraphError);
    await expect(evaluation).rejects.toThrow(`Could not find file for handler "labs/${lab}/src/nope.health"`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
