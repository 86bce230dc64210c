// What IAM checks for SQS, SNS and EventBridge requests, and how each of them
// words the denial: requests built by hand in both SQS protocols, then the
// real SDK clients against the edge, which must raise each service's own error.
import {
  EventBridgeClient,
  AccessDeniedException as EventsAccessDenied,
  PutEventsCommand,
} from "@aws-sdk/client-eventbridge";
import { AuthorizationErrorException, PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Edge, startEdge } from "../../course/cloud/edge/server.ts";
import { authorize } from "../../course/cloud/iam/authorize.ts";
import { requestedAccess } from "../../course/cloud/iam/requested-access.ts";
import type { EdgeRequest, Principal, Service } from "../../course/cloud/service.ts";
import type { CloudGraph, FunctionSpec } from "../../course/graph/model.ts";

const ACCOUNT = "000000000000";
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:app-Jobs`;
const OTHER_QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:app-Other`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:app-Alerts`;
const BUS = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/app-Shop`;
const DEFAULT_BUS = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`;
const QUEUE_URL = `http://127.0.0.1:4566/${ACCOUNT}/app-Jobs`;

const fn: FunctionSpec = {
  id: "Producer",
  name: "app-Producer",
  arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:app-Producer`,
  handler: "src/producer.handler",
  runtime: "nodejs24.x",
  timeoutSeconds: 3,
  memoryMB: 128,
  environment: {},
  roleArn: `arn:aws:iam::${ACCOUNT}:role/app-ProducerRole`,
  // what `link: [jobs, alerts, shop]` grants
  policy: [
    { Effect: "Allow", Action: ["sqs:*"], Resource: [QUEUE] },
    { Effect: "Allow", Action: ["sns:*"], Resource: [TOPIC] },
    { Effect: "Allow", Action: ["events:*"], Resource: [BUS] },
  ],
  logGroup: "/aws/lambda/app-Producer",
};
const graph: CloudGraph = {
  app: { name: "app", stage: "local" },
  functions: [fn],
  tables: [],
  httpApis: [],
  queues: [
    {
      id: "JobsQueue",
      name: "app-Jobs",
      arn: QUEUE,
      url: QUEUE_URL,
      fifo: false,
      contentBasedDeduplication: false,
      visibilityTimeoutSeconds: 30,
      delaySeconds: 0,
      receiveWaitTimeSeconds: 0,
      messageRetentionSeconds: 345_600,
      maximumMessageSize: 262_144,
    },
  ],
  eventSourceMappings: [],
  topics: [{ id: "AlertsTopic", name: "app-Alerts", arn: TOPIC, fifo: false }],
  topicSubscriptions: [],
  buses: [{ id: "ShopBus", name: "app-Shop", arn: BUS }],
  rules: [],
  outputs: {},
  resourceTypes: {},
};
const asFunction: Principal = { kind: "function", accessKeyId: "ASIA1", arn: fn.roleArn, functionName: fn.name };

function request(init: { path?: string; target?: string; body?: unknown }): EdgeRequest {
  const body = init.body === undefined ? "" : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return {
    method: "POST",
    url: new URL(init.path ?? "/", "http://127.0.0.1"),
    headers: init.target ? { "x-amz-target": init.target } : { "content-type": "application/x-www-form-urlencoded" },
    body: Buffer.from(body),
    principal: asFunction,
    requestId: "req-1",
    sourceIp: "127.0.0.1",
  };
}
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const sqsJson = (operation: string, body: unknown) =>
  requestedAccess("sqs", request({ target: `AmazonSQS.${operation}`, body }), graph);
const sqsQuery = (params: Record<string, string>, path = "/") =>
  requestedAccess("sqs", request({ path, body: form(params) }), graph);
const sns = (params: Record<string, string>) => requestedAccess("sns", request({ body: form(params) }), graph);
const events = (operation: string, body: unknown) =>
  requestedAccess("events", request({ target: `AWSEvents.${operation}`, body }), graph);

describe("SQS", () => {
  test("operations on a queue act on the ARN its QueueUrl names, in the JSON protocol", () => {
    for (const op of ["SendMessage", "ReceiveMessage", "DeleteMessage", "GetQueueAttributes", "PurgeQueue"]) {
      expect(sqsJson(op, { QueueUrl: QUEUE_URL })).toEqual([{ action: `sqs:${op}`, resources: [QUEUE] }]);
    }
  });

  test("a batch needs the action of its single form", () => {
    expect(sqsJson("SendMessageBatch", { QueueUrl: QUEUE_URL, Entries: [] })).toEqual([
      { action: "sqs:SendMessage", resources: [QUEUE] },
    ]);
    expect(sqsJson("DeleteMessageBatch", { QueueUrl: QUEUE_URL })).toEqual([
      { action: "sqs:DeleteMessage", resources: [QUEUE] },
    ]);
    expect(sqsJson("ChangeMessageVisibilityBatch", { QueueUrl: QUEUE_URL })).toEqual([
      { action: "sqs:ChangeMessageVisibility", resources: [QUEUE] },
    ]);
  });

  test("an AWS queue URL names its region and account", () => {
    expect(sqsJson("SendMessage", { QueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/q" })).toEqual([
      { action: "sqs:SendMessage", resources: ["arn:aws:sqs:eu-west-1:123456789012:q"] },
    ]);
  });

  test("QueueName, QueueOwnerAWSAccountId and SourceArn name the queue too; ListQueues names none", () => {
    expect(sqsJson("GetQueueUrl", { QueueName: "app-Jobs" })).toEqual([
      { action: "sqs:GetQueueUrl", resources: [QUEUE] },
    ]);
    expect(sqsJson("GetQueueUrl", { QueueName: "q", QueueOwnerAWSAccountId: "123456789012" })).toEqual([
      { action: "sqs:GetQueueUrl", resources: ["arn:aws:sqs:us-east-1:123456789012:q"] },
    ]);
    expect(sqsJson("CreateQueue", { QueueName: "app-Other" })).toEqual([
      { action: "sqs:CreateQueue", resources: [OTHER_QUEUE] },
    ]);
    expect(sqsJson("StartMessageMoveTask", { SourceArn: QUEUE })).toEqual([
      { action: "sqs:StartMessageMoveTask", resources: [QUEUE] },
    ]);
    expect(sqsJson("ListQueues", {})).toEqual([{ action: "sqs:ListQueues", resources: ["*"] }]);
  });

  test("the query protocol carries the same names as form parameters, or posts to the queue's URL", () => {
    expect(sqsQuery({ Action: "SendMessage", QueueUrl: QUEUE_URL, MessageBody: "hi" })).toEqual([
      { action: "sqs:SendMessage", resources: [QUEUE] },
    ]);
    expect(sqsQuery({ Action: "DeleteMessageBatch" }, `/${ACCOUNT}/app-Jobs`)).toEqual([
      { action: "sqs:DeleteMessage", resources: [QUEUE] },
    ]);
    expect(sqsQuery({ Action: "ListQueues" })).toEqual([{ action: "sqs:ListQueues", resources: ["*"] }]);
  });

  test("a request naming no queue, or one SQS cannot parse, is left to SQS to refuse", () => {
    expect(sqsJson("SendMessage", {})).toEqual([]);
    expect(sqsJson("SendMessage", "not json")).toEqual([]);
    expect(sqsQuery({ Action: "SendMessage" })).toEqual([]);
    expect(sqsQuery({ MessageBody: "no action" })).toEqual([]);
  });
});

describe("SNS", () => {
  test("topic operations act on the TopicArn; PublishBatch needs sns:Publish", () => {
    for (const op of ["Publish", "Subscribe", "GetTopicAttributes", "ListSubscriptionsByTopic", "DeleteTopic"]) {
      expect(sns({ Action: op, TopicArn: TOPIC })).toEqual([{ action: `sns:${op}`, resources: [TOPIC] }]);
    }
    expect(sns({ Action: "PublishBatch", TopicArn: TOPIC })).toEqual([{ action: "sns:Publish", resources: [TOPIC] }]);
  });

  test("a subscription's operations act on its topic; CreateTopic on the topic it would create", () => {
    expect(sns({ Action: "Unsubscribe", SubscriptionArn: `${TOPIC}:0f5e2a1c-1111-4222-8333-444455556666` })).toEqual([
      { action: "sns:Unsubscribe", resources: [TOPIC] },
    ]);
    expect(sns({ Action: "CreateTopic", Name: "app-Alerts" })).toEqual([
      { action: "sns:CreateTopic", resources: [TOPIC] },
    ]);
  });

  test("listings and a text to a phone act on *; a Publish naming nothing is left to SNS", () => {
    expect(sns({ Action: "ListTopics" })).toEqual([{ action: "sns:ListTopics", resources: ["*"] }]);
    expect(sns({ Action: "Publish", PhoneNumber: "+15555550100", Message: "hi" })).toEqual([
      { action: "sns:Publish", resources: ["*"] },
    ]);
    expect(sns({ Action: "Publish", Message: "hi" })).toEqual([]);
  });
});

describe("EventBridge", () => {
  test("PutEvents acts on every bus its entries name, by name or ARN, the default bus when none", () => {
    const Entries = [{ EventBusName: "app-Shop" }, { EventBusName: BUS }, {}];
    expect(events("PutEvents", { Entries })).toEqual([{ action: "events:PutEvents", resources: [BUS, DEFAULT_BUS] }]);
  });

  test("a rule's operations act on the rule's ARN, which names a custom bus", () => {
    expect(events("PutRule", { Name: "r1", EventBusName: "app-Shop" })).toEqual([
      { action: "events:PutRule", resources: [`arn:aws:events:us-east-1:${ACCOUNT}:rule/app-Shop/r1`] },
    ]);
    expect(events("PutTargets", { Rule: "r1", EventBusName: BUS, Targets: [] })).toEqual([
      { action: "events:PutTargets", resources: [`arn:aws:events:us-east-1:${ACCOUNT}:rule/app-Shop/r1`] },
    ]);
    expect(events("DisableRule", { Name: "r1" })).toEqual([
      { action: "events:DisableRule", resources: [`arn:aws:events:us-east-1:${ACCOUNT}:rule/r1`] },
    ]);
  });

  test("a bus's operations act on the bus; tagging on its ARN; listings on *", () => {
    expect(events("DescribeEventBus", {})).toEqual([{ action: "events:DescribeEventBus", resources: [DEFAULT_BUS] }]);
    expect(events("CreateEventBus", { Name: "app-Shop" })).toEqual([
      { action: "events:CreateEventBus", resources: [BUS] },
    ]);
    expect(events("TagResource", { ResourceARN: BUS, Tags: [] })).toEqual([
      { action: "events:TagResource", resources: [BUS] },
    ]);
    expect(events("ListRules", {})).toEqual([{ action: "events:ListRules", resources: ["*"] }]);
  });
});

describe("authorize", () => {
  test("a linked function may send to its queue, in either protocol, and nowhere else", () => {
    const json = (QueueUrl: string) => request({ target: "AmazonSQS.SendMessage", body: { QueueUrl } });
    expect(authorize(asFunction, "sqs", json(QUEUE_URL), graph)).toBeUndefined();
    expect(
      authorize(asFunction, "sqs", request({ body: form({ Action: "SendMessage", QueueUrl: QUEUE_URL }) }), graph),
    ).toBeUndefined();
    const denied = authorize(asFunction, "sqs", json(`http://127.0.0.1:4566/${ACCOUNT}/app-Other`), graph);
    expect(denied?.status).toBe(403);
    expect(denied?.headers).toMatchObject({
      "x-amzn-query-error": "AccessDenied;Sender",
      "content-type": "application/x-amz-json-1.0",
    });
    expect(JSON.parse(String(denied?.body))).toEqual({
      __type: "com.amazonaws.sqs#AccessDenied",
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/app-ProducerRole/app-Producer is not authorized to perform: sqs:SendMessage on resource: ${OTHER_QUEUE} because no identity-based policy allows the sqs:SendMessage action`,
    });
  });

  test("SQS's query protocol is denied in XML, as AccessDenied from the Sender", () => {
    const denied = authorize(asFunction, "sqs", request({ body: form({ Action: "ListQueues" }) }), graph);
    expect(denied?.status).toBe(403);
    expect(String(denied?.body)).toMatch(
      /^<ErrorResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/"><Error><Type>Sender<\/Type><Code>AccessDenied<\/Code><Message>User: .+ sqs:ListQueues on resource: \* because/,
    );
  });

  test("SNS denies as AuthorizationError; EventBridge as AccessDeniedException", () => {
    const other = TOPIC.replace("app-Alerts", "app-Other");
    const sns = authorize(asFunction, "sns", request({ body: form({ Action: "Publish", TopicArn: other }) }), graph);
    expect(sns?.status).toBe(403);
    expect(String(sns?.body)).toContain("<Code>AuthorizationError</Code>");
    expect(String(sns?.body)).toContain(`sns:Publish on resource: ${other} because`);
    const put = request({ target: "AWSEvents.PutEvents", body: { Entries: [{ EventBusName: "app-Shop" }, {}] } });
    const events = authorize(asFunction, "events", put, graph);
    expect(events?.status).toBe(400);
    expect(JSON.parse(String(events?.body))).toMatchObject({ __type: "AccessDeniedException" });
    expect(JSON.parse(String(events?.body)).Message).toContain(`events:PutEvents on resource: ${DEFAULT_BUS} because`);
  });
});

describe("the SDKs raise each service's own error", () => {
  let edge: Edge;
  /** requests IAM let through: they reached the (stub) service */
  const reached: string[] = [];
  const stub = (signingName: string): Service => ({
    signingName,
    handle: async () => {
      reached.push(signingName);
      return { status: 418, body: "" };
    },
  });

  beforeAll(async () => {
    edge = await startEdge({
      port: 0,
      services: () => ["sqs", "sns", "events"].map(stub),
      httpApis: () => undefined,
      principalOf: () => asFunction,
      authorize: (req, service) => authorize(req.principal, service, req, graph),
      describe: () => ({}),
    });
  });
  afterAll(() => edge.close());

  const config = () => ({
    endpoint: edge.url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: { accessKeyId: "ASIA1", secretAccessKey: "secret" },
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("expected the call to fail");
      },
      (err: unknown) => err as Error & { Code?: string; $metadata: { httpStatusCode?: number } },
    );

  test("SQS: AccessDenied, with the code and the message", async () => {
    const sqs = new SQSClient(config());
    const url = `${edge.url}/${ACCOUNT}/app-Other`;
    const err = await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "hi" })));
    expect(err.name).toBe("AccessDenied");
    expect(err.Code).toBe("AccessDenied");
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toContain(`sqs:SendMessage on resource: ${OTHER_QUEUE}`);
    const batch = await failure(
      sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: "1", MessageBody: "hi" }] })),
    );
    expect(batch.name).toBe("AccessDenied");
  });

  test("SQS: the function's own queue gets through to the service", async () => {
    const sqs = new SQSClient(config());
    reached.length = 0;
    await failure(sqs.send(new ReceiveMessageCommand({ QueueUrl: `${edge.url}/${ACCOUNT}/app-Jobs` })));
    expect(reached).toEqual(["sqs"]);
  });

  test("SNS: AuthorizationErrorException", async () => {
    const client = new SNSClient(config());
    const err = await failure(client.send(new PublishCommand({ TopicArn: `${TOPIC}-other`, Message: "hi" })));
    expect(err).toBeInstanceOf(AuthorizationErrorException);
    expect(err.message).toContain(`sns:Publish on resource: ${TOPIC}-other`);
  });

  test("EventBridge: AccessDeniedException", async () => {
    const client = new EventBridgeClient(config());
    const entry = { Source: "shop", DetailType: "OrderPlaced", Detail: "{}" };
    const err = await failure(client.send(new PutEventsCommand({ Entries: [entry] })));
    expect(err).toBeInstanceOf(EventsAccessDenied);
    expect(err.message).toContain(`events:PutEvents on resource: ${DEFAULT_BUS}`);
  });
});
