// Least privilege through the whole local cloud, from a throwaway lab: a
// function linked to a table may use it; one that is not gets DynamoDB's
// AccessDeniedException worded as AWS words it; IAM's policy simulator and
// STS answer from the same role statements; the learner is never restricted.
import fs from "node:fs";
import path from "node:path";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient, ListTablesCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type LocalCloud, startLocalCloud } from "../../course/cloud/local-cloud.ts";
import { credentialsFor } from "../../course/cloud/principals.ts";
import type { FunctionSpec, TableSpec } from "../../course/graph/model.ts";
import { freePort } from "../../course/lab-runner/actions.ts";
import { LOCAL_DIR, ROOT } from "../../course/paths.ts";

const folder = `zz-iam-${process.pid}`;
const dir = path.join(ROOT, "labs", folder);

const INFRA = `import type { LabContext } from "../../infra/load-lab";

/** Two routes write with the same handler; only one is linked to the table. */
export default function infra({ dir }: LabContext) {
  const notes = new sst.aws.Dynamo("Notes", {
    fields: { id: "string", text: "string" },
    primaryIndex: { hashKey: "id" },
    globalIndexes: { byText: { hashKey: "text" } },
  });
  const environment = { NOTES_TABLE: notes.name };
  const api = new sst.aws.ApiGatewayV2("Api");
  api.route("POST /linked/{id}", { handler: \`\${dir}/src/notes.put\`, link: [notes], environment });
  api.route("GET /linked/{id}", { handler: \`\${dir}/src/notes.get\`, link: [notes], environment });
  api.route("POST /unlinked/{id}", { handler: \`\${dir}/src/notes.put\`, environment });
  api.route("GET /whoami", { handler: \`\${dir}/src/notes.whoami\` });
  return { api: api.url, notesTable: notes.name };
}
`;

const HANDLERS = `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const json = (statusCode: number, body: unknown) => ({ statusCode, body: JSON.stringify(body) });
const failure = (err: unknown) => json(403, { name: (err as Error).name, message: (err as Error).message });

export async function put(event: { pathParameters?: { id?: string } }) {
  const id = event.pathParameters?.id ?? "none";
  try {
    await db.send(new PutCommand({ TableName: process.env.NOTES_TABLE, Item: { id, text: "hello" } }));
    return json(201, { id });
  } catch (err) {
    return failure(err);
  }
}

export async function get(event: { pathParameters?: { id?: string } }) {
  try {
    const { Item } = await db.send(new GetCommand({ TableName: process.env.NOTES_TABLE, Key: { id: event.pathParameters?.id } }));
    return json(Item ? 200 : 404, Item ?? {});
  } catch (err) {
    return failure(err);
  }
}

export async function whoami() {
  const { Arn, Account, UserId } = await new STSClient({}).send(new GetCallerIdentityCommand({}));
  return json(200, { Arn, Account, UserId });
}
`;

let cloud: LocalCloud;
let api: string;
let table: TableSpec;
let linked: FunctionSpec;
let unlinked: FunctionSpec;
let whoami: FunctionSpec;

const LEARNER = { accessKeyId: "AKIDLEARNER", secretAccessKey: "learner-secret" };
const client = <T>(Client: new (config: object) => T, credentials: object = LEARNER): T =>
  new Client({ endpoint: cloud.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const as = (fn: FunctionSpec) => credentialsFor(fn);
const roleName = (fn: FunctionSpec) => fn.roleArn.split("/").at(-1) ?? "";
const sessionArn = (fn: FunctionSpec) => `arn:aws:sts::000000000000:assumed-role/${roleName(fn)}/${fn.name}`;
const denied = (fn: FunctionSpec, action: string, resource: string) =>
  `User: ${sessionArn(fn)} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

/** what a call rejected with, or "resolved" */
async function rejection(call: Promise<unknown>) {
  try {
    await call;
    return "resolved";
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
}

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "infra.ts"), INFRA);
  fs.writeFileSync(path.join(dir, "src", "notes.ts"), HANDLERS);
  cloud = await startLocalCloud({
    lab: "00-first-function",
    from: "labs",
    folder,
    port: await freePort(),
    outputsFile: path.join(LOCAL_DIR, "outputs", `${folder}.json`),
    watch: false,
  });
  const graph = cloud.graph();
  api = String(graph.outputs.api);
  const routed = (routeKey: string) => {
    const arn = graph.httpApis[0]?.routes.find((r) => r.routeKey === routeKey)?.functionArn;
    const fn = graph.functions.find((f) => f.arn === arn);
    if (!fn) throw new Error(`no function for ${routeKey}`);
    return fn;
  };
  linked = routed("POST /linked/{id}");
  unlinked = routed("POST /unlinked/{id}");
  whoami = routed("GET /whoami");
  table = graph.tables[0] as TableSpec;
}, 120_000);

afterAll(async () => {
  await cloud?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("functions act with their role's permissions", () => {
  test("a function linked to the table may put and get", async () => {
    const put = await fetch(`${api}/linked/n1`, { method: "POST" });
    expect(put.status, await put.clone().text()).toBe(201);
    const got = await fetch(`${api}/linked/n1`);
    expect(await got.json()).toEqual({ id: "n1", text: "hello" });
  });

  test("a function that is not linked gets DynamoDB's AccessDeniedException, worded as AWS words it", async () => {
    const res = await fetch(`${api}/unlinked/n2`, { method: "POST" });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      name: "AccessDeniedException",
      message: denied(unlinked, "dynamodb:PutItem", table.arn),
    });
    // nothing was written
    expect((await fetch(`${api}/linked/n2`)).status).toBe(404);
  });

  test("the denied call is recorded with its status", () => {
    const call = cloud.calls().find((c) => c.principal.functionName === unlinked.name);
    expect(call).toMatchObject({ service: "dynamodb", operation: "PutItem", status: 400 });
  });

  test("a Query on an index is checked against the index's ARN", async () => {
    const query = new QueryCommand({
      TableName: table.name,
      IndexName: "byText",
      KeyConditionExpression: "#t = :t",
      ExpressionAttributeNames: { "#t": "text" },
      ExpressionAttributeValues: { ":t": { S: "hello" } },
    });
    expect(await rejection(client(DynamoDBClient, as(unlinked)).send(query))).toEqual({
      name: "AccessDeniedException",
      message: denied(unlinked, "dynamodb:Query", `${table.arn}/index/byText`),
      status: 400,
    });
    const { Items } = await client(DynamoDBClient, as(linked)).send(query);
    expect(Items?.length).toBeGreaterThanOrEqual(1);
  });

  test("a link to one table does not allow ListTables, whose resource is *", async () => {
    expect(await rejection(client(DynamoDBClient, as(linked)).send(new ListTablesCommand({})))).toEqual({
      name: "AccessDeniedException",
      message: denied(linked, "dynamodb:ListTables", "*"),
      status: 400,
    });
  });

  test("Lambda denies Invoke in its REST shape: 403 and a Message", async () => {
    const invoke = new InvokeCommand({ FunctionName: linked.name, Payload: Buffer.from("{}") });
    expect(await rejection(client(LambdaClient, as(unlinked)).send(invoke))).toEqual({
      name: "AccessDeniedException",
      message: denied(unlinked, "lambda:InvokeFunction", linked.arn),
      status: 403,
    });
  });

  test("Logs denies FilterLogEvents on the log group's streams", async () => {
    const filter = new FilterLogEventsCommand({ logGroupName: linked.logGroup });
    expect(await rejection(client(CloudWatchLogsClient, as(unlinked)).send(filter))).toEqual({
      name: "AccessDeniedException",
      message: denied(
        unlinked,
        "logs:FilterLogEvents",
        `arn:aws:logs:us-east-1:000000000000:log-group:${linked.logGroup}:log-stream:`,
      ),
      status: 400,
    });
  });

  test("the learner is the account's administrator: nothing is denied", async () => {
    const { TableNames } = await client(DynamoDBClient).send(new ListTablesCommand({}));
    expect(TableNames).toContain(table.name);
    const filter = await client(CloudWatchLogsClient).send(
      new FilterLogEventsCommand({ logGroupName: linked.logGroup }),
    );
    expect(filter.events).toBeDefined();
  });
});

describe("IAM answers from the same statements", () => {
  const iam = () => client(IAMClient);
  const simulate = async (fn: FunctionSpec, action: string, resource: string) => {
    const out = await iam().send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: fn.roleArn,
        ActionNames: [action],
        ResourceArns: [resource],
      }),
    );
    return out.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]);
  };

  test("SimulatePrincipalPolicy: allowed for the linked role, implicitDeny for the unlinked one", async () => {
    expect(await simulate(linked, "dynamodb:PutItem", table.arn)).toEqual([["dynamodb:PutItem", table.arn, "allowed"]]);
    expect(await simulate(unlinked, "dynamodb:PutItem", table.arn)).toEqual([
      ["dynamodb:PutItem", table.arn, "implicitDeny"],
    ]);
  });

  test("SimulatePrincipalPolicy: one result per action, most restrictive over the resources", async () => {
    const out = await iam().send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: linked.roleArn,
        ActionNames: ["dynamodb:GetItem", "dynamodb:ListTables"],
        ResourceArns: [table.arn, `${table.arn}/index/byText`],
      }),
    );
    expect(out.IsTruncated).toBe(false);
    expect(out.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["dynamodb:GetItem", "allowed"],
      ["dynamodb:ListTables", "allowed"],
    ]);
    const none = await iam().send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: linked.roleArn, ActionNames: ["dynamodb:ListTables"] }),
    );
    expect(none.EvaluationResults?.[0]).toMatchObject({ EvalResourceName: "*", EvalDecision: "implicitDeny" });
  });

  test("GetRole, ListRolePolicies and GetRolePolicy show the inline policy", async () => {
    const { Role } = await iam().send(new GetRoleCommand({ RoleName: roleName(linked) }));
    expect(Role).toMatchObject({ RoleName: roleName(linked), Arn: linked.roleArn, Path: "/" });
    expect(Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect((await iam().send(new ListRolePoliciesCommand({ RoleName: roleName(linked) }))).PolicyNames).toEqual([
      "inline",
    ]);
    expect((await iam().send(new ListRolePoliciesCommand({ RoleName: roleName(unlinked) }))).PolicyNames).toEqual([]);
    const policy = await iam().send(new GetRolePolicyCommand({ RoleName: roleName(linked), PolicyName: "inline" }));
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument ?? ""))).toEqual({
      Version: "2012-10-17",
      Statement: linked.policy,
    });
  });

  test("an unknown role is NoSuchEntity", async () => {
    expect(await rejection(iam().send(new GetRoleCommand({ RoleName: "nobody" })))).toEqual({
      name: "NoSuchEntityException",
      message: "The role with name nobody cannot be found.",
      status: 404,
    });
    const simulation = new SimulatePrincipalPolicyCommand({
      PolicySourceArn: "arn:aws:iam::000000000000:role/nobody",
      ActionNames: ["dynamodb:PutItem"],
    });
    expect(await rejection(iam().send(simulation))).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });
});

describe("STS GetCallerIdentity", () => {
  test("the learner is the account's user", async () => {
    const me = await client(STSClient).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: "000000000000", Arn: "arn:aws:iam::000000000000:user/learner" });
  });

  test("a function is its role, in a session named after it, as Lambda does", async () => {
    const res = await fetch(`${api}/whoami`);
    const me = await res.json();
    expect(me).toMatchObject({ Account: "000000000000", Arn: sessionArn(whoami) });
    expect(me.UserId).toMatch(new RegExp(`^AROA[A-Z2-7]{17}:${whoami.name}$`));
  });
});
