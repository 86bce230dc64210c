// The resource graph the local cloud serves: what SST's real components
// created under Pulumi mocks, reduced to the facts each emulated service needs.

export interface PolicyStatement {
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string[];
}

export interface FunctionSpec {
  /** SST's component name, e.g. "ApiRouteAbcdefHandler" */
  id: string;
  /** physical Lambda name */
  name: string;
  arn: string;
  /** handler as SST resolves it: "<file without extension>.<export>", relative to the project root */
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memoryMB: number;
  environment: Record<string, string>;
  roleArn: string;
  /** inline policy statements of the function's role */
  policy: PolicyStatement[];
  logGroup: string;
}

export interface TableSpec {
  id: string;
  name: string;
  arn: string;
  hashKey: string;
  rangeKey?: string;
  attributes: { name: string; type: "S" | "N" | "B" }[];
  globalIndexes: { name: string; hashKey: string; rangeKey?: string }[];
  streamViewType?: string;
}

export interface HttpRouteSpec {
  routeKey: string;
  functionArn: string;
}

export interface HttpApiSpec {
  id: string;
  name: string;
  endpoint: string;
  routes: HttpRouteSpec[];
}

export interface CloudGraph {
  app: { name: string; stage: string };
  functions: FunctionSpec[];
  tables: TableSpec[];
  httpApis: HttpApiSpec[];
  /** what `run()` returned, resolved: the content of .sst/outputs.json */
  outputs: Record<string, unknown>;
  /** every aws:* resource type seen, with a count, for `course status` and tests */
  resourceTypes: Record<string, number>;
}
