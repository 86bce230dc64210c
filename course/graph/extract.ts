// Reduce the recorded aws:* resources to the CloudGraph the local cloud serves.
// Component inputs arrive empty under mocks, so everything is read from the
// aws:* children and from SST's Runtime.Build calls (handler, links).

import { extractMessaging } from "./extract-messaging.ts";
import type { RecordedResource } from "./mocks.ts";
import type { CloudGraph, FunctionSpec, HttpApiSpec, PolicyStatement, TableSpec } from "./model.ts";

export interface RecordedBuild {
  functionID: string;
  handler: string;
  runtime: string;
  links: Record<string, Record<string, unknown>>;
}

export function extractGraph(
  app: { name: string; stage: string },
  resources: RecordedResource[],
  builds: RecordedBuild[],
  outputs: Record<string, unknown>,
): CloudGraph {
  const ofType = (type: string) => resources.filter((r) => r.type === type);
  const resourceTypes: Record<string, number> = {};
  for (const r of resources) resourceTypes[r.type] = (resourceTypes[r.type] ?? 0) + 1;

  const policiesByRole = new Map<string, PolicyStatement[]>();
  for (const role of ofType("aws:iam/role:Role")) {
    const statements: PolicyStatement[] = [];
    for (const inline of (role.inputs.inlinePolicies ?? []) as { policy?: string }[]) {
      if (!inline.policy) continue;
      const doc = JSON.parse(inline.policy) as { Statement?: PolicyStatement[] };
      for (const s of doc.Statement ?? []) statements.push(normaliseStatement(s));
    }
    policiesByRole.set(String(role.state.arn), statements);
  }

  const functions: FunctionSpec[] = [];
  for (const fn of ofType("aws:lambda/function:Function")) {
    const id = fn.name.replace(/Function$/, "");
    const build = builds.find((b) => b.functionID === id);
    if (!build) continue; // not a function SST built from source (e.g. a container)
    const environment: Record<string, string> = { ...(fn.inputs.environment?.variables ?? {}) };
    delete environment.SST_KEY;
    delete environment.SST_KEY_FILE;
    for (const [name, props] of Object.entries(build.links)) {
      // Under mocks the URN's type chain starts at the root stack; on AWS it does not.
      const type = String(props.type ?? "").replace(/^pulumi\.pulumi\.Stack\$/, "");
      environment[`SST_RESOURCE_${name}`] = JSON.stringify({ ...props, type });
    }
    const name = String(fn.state.name);
    functions.push({
      id,
      name,
      arn: String(fn.state.arn),
      handler: build.handler,
      runtime: String(fn.inputs.runtime ?? build.runtime),
      timeoutSeconds: Number(fn.inputs.timeout ?? 3),
      memoryMB: Number(fn.inputs.memorySize ?? 128),
      environment,
      roleArn: String(fn.inputs.role ?? ""),
      policy: policiesByRole.get(String(fn.inputs.role)) ?? [],
      logGroup: String(fn.inputs.loggingConfig?.logGroup ?? `/aws/lambda/${name}`),
    });
  }

  const tables: TableSpec[] = ofType("aws:dynamodb/table:Table").map((t) => ({
    id: t.name,
    name: String(t.state.name),
    arn: String(t.state.arn),
    hashKey: String(t.inputs.hashKey),
    ...(t.inputs.rangeKey ? { rangeKey: String(t.inputs.rangeKey) } : {}),
    attributes: (t.inputs.attributes ?? []) as TableSpec["attributes"],
    globalIndexes: ((t.inputs.globalSecondaryIndexes ?? []) as TableSpec["globalIndexes"]).map((g) => ({
      name: g.name,
      hashKey: g.hashKey,
      ...(g.rangeKey ? { rangeKey: g.rangeKey } : {}),
    })),
    ...(t.inputs.streamEnabled ? { streamViewType: String(t.inputs.streamViewType) } : {}),
  }));

  const integrations = new Map(ofType("aws:apigatewayv2/integration:Integration").map((i) => [i.id, i]));
  const httpApis: HttpApiSpec[] = ofType("aws:apigatewayv2/api:Api").map((api) => ({
    id: api.id,
    name: String(api.inputs.name ?? api.name),
    endpoint: String(api.state.apiEndpoint),
    routes: ofType("aws:apigatewayv2/route:Route")
      .filter((r) => r.inputs.apiId === api.id)
      .map((r) => {
        const integrationId = String(r.inputs.target ?? "").replace(/^integrations\//, "");
        return {
          routeKey: String(r.inputs.routeKey),
          functionArn: String(integrations.get(integrationId)?.inputs.integrationUri ?? ""),
        };
      }),
  }));

  return {
    app,
    functions,
    tables,
    httpApis,
    ...extractMessaging(ofType, functions),
    outputs,
    resourceTypes,
  };
}

function normaliseStatement(s: {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}): PolicyStatement {
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return { Effect: s.Effect === "Deny" ? "Deny" : "Allow", Action: list(s.Action), Resource: list(s.Resource) };
}
