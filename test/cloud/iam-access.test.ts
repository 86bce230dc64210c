// What IAM checks for each request, and how each service words the denial,
// without a cloud: requests built as the SDKs send them.
import { describe, expect, test } from "vitest";
import { accessDeniedResponse, deniedMessage } from "../../course/cloud/iam/access-denied.ts";
import { authorize } from "../../course/cloud/iam/authorize.ts";
import { requestedAccess } from "../../course/cloud/iam/requested-access.ts";
import type { EdgeRequest, Principal } from "../../course/cloud/service.ts";
import type { CloudGraph, FunctionSpec } from "../../course/graph/model.ts";

const ACCOUNT = "000000000000";
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`;
const fn: FunctionSpec = {
  id: "Writer",
  name: "app-Writer",
  arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:app-Writer`,
  handler: "src/writer.handler",
  runtime: "nodejs22.x",
  timeoutSeconds: 3,
  memoryMB: 128,
  environment: {},
  roleArn: `arn:aws:iam::${ACCOUNT}:role/app-WriterRole`,
  policy: [{ Effect: "Allow", Action: ["dynamodb:*"], Resource: [TABLE, `${TABLE}/*`] }],
  logGroup: "/aws/lambda/app-Writer",
};
const graph: CloudGraph = {
  app: { name: "app", stage: "local" },
  functions: [fn],
  tables: [{ id: "Orders", name: "Orders", arn: TABLE, hashKey: "id", attributes: [], globalIndexes: [] }],
  httpApis: [],
  queues: [],
  eventSourceMappings: [],
  topics: [],
  topicSubscriptions: [],
  buses: [],
  rules: [],
  outputs: {},
  resourceTypes: {},
};
const asFunction: Principal = { kind: "function", accessKeyId: "ASIA1", arn: fn.roleArn, functionName: fn.name };
const learner: Principal = { kind: "learner", accessKeyId: "AKID", arn: `arn:aws:iam::${ACCOUNT}:user/learner` };

function request(init: { method?: string; path?: string; target?: string; body?: unknown }): EdgeRequest {
  const body = init.body === undefined ? "" : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return {
    method: init.method ?? "POST",
    url: new URL(init.path ?? "/", "http://127.0.0.1"),
    headers: init.target ? { "x-amz-target": init.target } : { "content-type": "application/x-www-form-urlencoded" },
    body: Buffer.from(body),
    principal: asFunction,
    requestId: "req-1",
    sourceIp: "127.0.0.1",
  };
}
const dynamo = (operation: string, body: unknown) =>
  requestedAccess("dynamodb", request({ target: `DynamoDB_20120810.${operation}`, body }), graph);

describe("DynamoDB", () => {
  test("item operations act on the table", () => {
    for (const op of ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "DescribeTable", "CreateTable"]) {
      expect(dynamo(op, { TableName: "Orders" })).toEqual([{ action: `dynamodb:${op}`, resources: [TABLE] }]);
    }
  });

  test("a table the graph does not have gets the ARN DynamoDB would give it; a table ARN stands for itself", () => {
    expect(dynamo("GetItem", { TableName: "Other" })).toEqual([
      { action: "dynamodb:GetItem", resources: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Other`] },
    ]);
    expect(dynamo("GetItem", { TableName: TABLE })).toEqual([{ action: "dynamodb:GetItem", resources: [TABLE] }]);
  });

  test("Query and Scan on an index act on the index", () => {
    expect(dynamo("Query", { TableName: "Orders", IndexName: "byCustomer" })).toEqual([
      { action: "dynamodb:Query", resources: [`${TABLE}/index/byCustomer`] },
    ]);
    expect(dynamo("Scan", { TableName: "Orders" })).toEqual([{ action: "dynamodb:Scan", resources: [TABLE] }]);
  });

  test("batches act on every table they touch", () => {
    expect(dynamo("BatchWriteItem", { RequestItems: { Orders: [], Other: [] } })).toEqual([
      { action: "dynamodb:BatchWriteItem", resources: [TABLE, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Other`] },
    ]);
    expect(dynamo("BatchGetItem", { RequestItems: { Orders: {} } })).toEqual([
      { action: "dynamodb:BatchGetItem", resources: [TABLE] },
    ]);
  });

  test("transactions need the item action of each item", () => {
    const items = [{ Put: { TableName: "Orders" } }, { ConditionCheck: { TableName: "Orders" } }];
    expect(dynamo("TransactWriteItems", { TransactItems: items })).toEqual([
      { action: "dynamodb:PutItem", resources: [TABLE] },
      { action: "dynamodb:ConditionCheckItem", resources: [TABLE] },
    ]);
  });

  test("operations on no table act on *; tagging on the ARN it names", () => {
    expect(dynamo("ListTables", {})).toEqual([{ action: "dynamodb:ListTables", resources: ["*"] }]);
    expect(dynamo("ListTagsOfResource", { ResourceArn: TABLE })).toEqual([
      { action: "dynamodb:ListTagsOfResource", resources: [TABLE] },
    ]);
  });

  test("a body DynamoDB cannot parse is left to DynamoDB to refuse", () => {
    expect(dynamo("PutItem", "not json")).toEqual([]);
    expect(requestedAccess("dynamodb", request({ target: "Nope.PutItem", body: {} }), graph)).toEqual([]);
  });
});

describe("Lambda", () => {
  const lambda = (method: string, path: string) => requestedAccess("lambda", request({ method, path }), graph);

  test("Invoke, GetFunction and GetFunctionConfiguration act on the function, by name or ARN", () => {
    expect(lambda("POST", "/2015-03-31/functions/app-Writer/invocations")).toEqual([
      { action: "lambda:InvokeFunction", resources: [fn.arn] },
    ]);
    expect(lambda("POST", `/2015-03-31/functions/${encodeURIComponent(fn.arn)}/invocations`)).toEqual([
      { action: "lambda:InvokeFunction", resources: [fn.arn] },
    ]);
    expect(lambda("GET", "/2015-03-31/functions/app-Writer")).toEqual([
      { action: "lambda:GetFunction", resources: [fn.arn] },
    ]);
    expect(lambda("GET", "/2015-03-31/functions/app-Writer/configuration")).toEqual([
      { action: "lambda:GetFunctionConfiguration", resources: [fn.arn] },
    ]);
  });

  test("a qualified call acts on the version's ARN", () => {
    expect(lambda("POST", "/2015-03-31/functions/app-Writer/invocations?Qualifier=%24LATEST")).toEqual([
      { action: "lambda:InvokeFunction", resources: [`${fn.arn}:$LATEST`] },
    ]);
  });

  test("ListFunctions acts on *", () => {
    expect(lambda("GET", "/2015-03-31/functions/")).toEqual([{ action: "lambda:ListFunctions", resources: ["*"] }]);
  });
});

describe("Logs", () => {
  const logs = (operation: string, body: unknown) =>
    requestedAccess("logs", request({ target: `Logs_20140328.${operation}`, body }), graph);
  const group = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/app-Writer`;

  test("a log group's operations act on its streams, GetLogEvents on its stream", () => {
    expect(logs("FilterLogEvents", { logGroupName: "/aws/lambda/app-Writer" })).toEqual([
      { action: "logs:FilterLogEvents", resources: [`${group}:log-stream:`] },
    ]);
    expect(logs("FilterLogEvents", { logGroupIdentifier: `${group}:*` })).toEqual([
      { action: "logs:FilterLogEvents", resources: [`${group}:log-stream:`] },
    ]);
    expect(logs("GetLogEvents", { logGroupName: "/aws/lambda/app-Writer", logStreamName: "s1" })).toEqual([
      { action: "logs:GetLogEvents", resources: [`${group}:log-stream:s1`] },
    ]);
  });

  test("DescribeLogGroups names no group", () => {
    expect(logs("DescribeLogGroups", {})).toEqual([
      { action: "logs:DescribeLogGroups", resources: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group::log-stream:`] },
    ]);
  });
});

describe("IAM and STS", () => {
  test("IAM operations act on the role they read", () => {
    const body = `Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=${encodeURIComponent(fn.roleArn)}`;
    expect(requestedAccess("iam", request({ body }), graph)).toEqual([
      { action: "iam:SimulatePrincipalPolicy", resources: [fn.roleArn] },
    ]);
    expect(requestedAccess("iam", request({ body: "Action=GetRole&RoleName=app-WriterRole" }), graph)).toEqual([
      { action: "iam:GetRole", resources: [fn.roleArn] },
    ]);
  });

  test("sts:GetCallerIdentity needs no permission", () => {
    expect(requestedAccess("sts", request({ body: "Action=GetCallerIdentity" }), graph)).toEqual([]);
  });
});

describe("authorize", () => {
  const putItem = request({ target: "DynamoDB_20120810.PutItem", body: { TableName: "Orders" } });
  const otherTable = request({ target: "DynamoDB_20120810.PutItem", body: { TableName: "Other" } });

  test("the learner is never restricted", () => {
    expect(authorize(learner, "dynamodb", otherTable, graph)).toBeUndefined();
  });

  test("a function may do what its role allows", () => {
    expect(authorize(asFunction, "dynamodb", putItem, graph)).toBeUndefined();
  });

  test("anything else is DynamoDB's AccessDeniedException, naming the assumed role's session", () => {
    const response = authorize(asFunction, "dynamodb", otherTable, graph);
    expect(response).toMatchObject({
      status: 400,
      headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "req-1" },
    });
    expect(JSON.parse(String(response?.body))).toEqual({
      __type: "com.amazon.coral.service#AccessDeniedException",
      Message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/app-WriterRole/app-Writer is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Other because no identity-based policy allows the dynamodb:PutItem action`,
    });
  });

  test("a batch is denied on the first table its role does not cover", () => {
    const batch = request({
      target: "DynamoDB_20120810.BatchWriteItem",
      body: { RequestItems: { Orders: [], Other: [] } },
    });
    const body = JSON.parse(String(authorize(asFunction, "dynamodb", batch, graph)?.body));
    expect(body.Message).toContain(
      "dynamodb:BatchWriteItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/Other ",
    );
  });

  test("an explicit deny is worded as one", () => {
    const denying: CloudGraph = {
      ...graph,
      functions: [{ ...fn, policy: [...fn.policy, { Effect: "Deny", Action: ["dynamodb:PutItem"], Resource: ["*"] }] }],
    };
    const body = JSON.parse(String(authorize(asFunction, "dynamodb", putItem, denying)?.body));
    expect(body.Message).toMatch(
      /dynamodb:PutItem on resource: .+table\/Orders with an explicit deny in an identity-based policy$/,
    );
  });
});

describe("denial shapes", () => {
  const denial = {
    principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/f`,
    action: "lambda:InvokeFunction",
    resource: fn.arn,
    decision: "implicitDeny" as const,
  };

  test("Lambda (restJson1): 403, the type in x-amzn-ErrorType, a Message", () => {
    const response = accessDeniedResponse("lambda", denial, "req-2");
    expect(response.status).toBe(403);
    expect(response.headers).toMatchObject({ "x-amzn-errortype": "AccessDeniedException" });
    expect(JSON.parse(String(response.body))).toEqual({ Message: deniedMessage(denial) });
  });

  test("Logs (awsJson1.1): 400", () => {
    const response = accessDeniedResponse("logs", { ...denial, action: "logs:FilterLogEvents" }, "req-3");
    expect(response).toMatchObject({ status: 400, headers: { "content-type": "application/x-amz-json-1.1" } });
  });

  test("IAM (query): 403 AccessDenied in an ErrorResponse", () => {
    const response = accessDeniedResponse("iam", { ...denial, action: "iam:GetRole" }, "req-4");
    expect(response.status).toBe(403);
    expect(String(response.body)).toContain("<Code>AccessDenied</Code>");
    expect(String(response.body)).toContain("<RequestId>req-4</RequestId>");
  });
});
