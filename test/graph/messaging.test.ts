// Queues, topics and buses reach the graph the way SST's components create
// them: one throwaway lab with every kind of subscription, evaluated once.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { evaluate } from "../../course/cloud/iam/policy-evaluator.ts";
import { evaluateApp } from "../../course/graph/evaluate.ts";
import type { CloudGraph, FunctionSpec } from "../../course/graph/model.ts";
import { ROOT } from "../../course/paths.ts";

const EDGE = "http://127.0.0.1:4999";
const ACCOUNT = "000000000000";
const folder = `zz-messaging-${process.pid}`;
const dir = path.join(ROOT, "labs", folder);

const INFRA = `import type { LabContext } from "../../infra/load-lab";

export default function infra({ dir }: LabContext) {
  const handler = \`\${dir}/src/handlers.handler\`;
  const dlq = new sst.aws.Queue("Dlq");
  const jobs = new sst.aws.Queue("Jobs", {
    dlq: { queue: dlq.arn, retry: 5 },
    visibilityTimeout: "45 seconds",
    delay: "2 seconds",
  });
  jobs.subscribe(handler, {
    batch: { size: 5, window: "20 seconds", partialResponses: true },
    filters: [{ body: { kind: ["urgent"] } }],
    transform: { eventSourceMapping: { scalingConfig: { maximumConcurrency: 4 } } },
  });
  const ordered = new sst.aws.Queue("Ordered", {
    fifo: { contentBasedDeduplication: true },
    transform: { queue: { messageRetentionSeconds: 86400, receiveWaitTimeSeconds: 20, maxMessageSize: 1024 } },
  });
  const archive = new sst.aws.Queue("Archive", { dlq: dlq.arn });

  const alerts = new sst.aws.SnsTopic("Alerts");
  alerts.subscribe("Pager", handler, { filter: { severity: ["high"] } });
  alerts.subscribeQueue("Archive", archive, {
    filter: { severity: [{ "anything-but": "low" }] },
    transform: { subscription: { rawMessageDelivery: true, filterPolicyScope: "MessageBody" } },
  });
  const ledger = new sst.aws.SnsTopic("Ledger", { fifo: true });
  ledger.subscribeQueue("Ordered", ordered);

  const shop = new sst.aws.Bus("Shop");
  shop.subscribe("OnOrder", handler, { pattern: { source: ["shop"], detailType: ["OrderPlaced"] } });
  shop.subscribeQueue("ToArchive", archive, {
    pattern: { detail: { total: [{ numeric: [">", 100] }] } },
    transform: {
      target: { inputTransformer: { inputPaths: { id: "$.detail.id" }, inputTemplate: '{"order":<id>}' } },
    },
  });
  new sst.aws.Cron("Tick", { schedule: "rate(1 minute)", function: handler });

  const producer = new sst.aws.Function("Producer", { handler, link: [jobs, alerts, shop] });

  // Raw resources, for what SST does not emit: a bus named by ARN, a disabled rule,
  // a constant input, a mapping named by function name and left disabled.
  const byArn = new aws.cloudwatch.EventRule("ByArn", {
    eventBusName: shop.arn,
    eventPattern: JSON.stringify({ source: ["audit"] }),
    state: "DISABLED",
  });
  new aws.cloudwatch.EventTarget("ByArnTarget", {
    rule: byArn.name,
    eventBusName: shop.arn,
    arn: archive.arn,
    input: '{"fixed":true}',
  });
  new aws.lambda.EventSourceMapping("Paused", {
    eventSourceArn: archive.arn,
    functionName: producer.name,
    enabled: false,
  });
  return { jobs: jobs.url };
}
`;

let graph: CloudGraph;

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "handlers.ts"), "export const handler = async () => ({});\n");
  fs.writeFileSync(path.join(dir, "infra.ts"), INFRA);
  ({ graph } = await evaluateApp({ lab: folder, from: "labs", stage: "msgtest", edgeUrl: EDGE }));
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const byId = <T extends { id: string }>(items: T[], id: string): T => {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no ${id} in ${items.map((item) => item.id).join(", ")}`);
  return found;
};
const queue = (id: string) => byId(graph.queues, `${id}Queue`);
const topic = (id: string) => byId(graph.topics, `${id}Topic`);
const fnByArn = (arn: string): FunctionSpec => {
  const found = graph.functions.find((f) => f.arn === arn);
  if (!found) throw new Error(`no function ${arn}`);
  return found;
};
const allows = (fn: FunctionSpec, action: string, resource: string) =>
  evaluate(fn.policy, action, resource) === "allowed";

describe("queues", () => {
  test("each queue's ARN and URL name it; the URL is the edge's", () => {
    for (const q of graph.queues) {
      expect(q.arn).toBe(`arn:aws:sqs:us-east-1:${ACCOUNT}:${q.name}`);
      expect(q.url).toBe(`${EDGE}/${ACCOUNT}/${q.name}`);
    }
    expect(graph.queues.map((q) => q.id).sort()).toEqual(["ArchiveQueue", "DlqQueue", "JobsQueue", "OrderedQueue"]);
  });

  test("SST's options land on the queue; what SST leaves out has AWS's defaults", () => {
    expect(queue("Jobs")).toMatchObject({
      fifo: false,
      contentBasedDeduplication: false,
      visibilityTimeoutSeconds: 45,
      delaySeconds: 2,
      receiveWaitTimeSeconds: 0,
      messageRetentionSeconds: 345_600,
      maximumMessageSize: 262_144,
    });
    expect(queue("Dlq")).toMatchObject({ visibilityTimeoutSeconds: 30, delaySeconds: 0 });
    expect(queue("Dlq").redrive).toBeUndefined();
  });

  test("a FIFO queue's name ends in .fifo, and a transform's inputs are read too", () => {
    const ordered = queue("Ordered");
    expect(ordered.name).toMatch(/\.fifo$/);
    expect(ordered).toMatchObject({
      fifo: true,
      contentBasedDeduplication: true,
      messageRetentionSeconds: 86_400,
      receiveWaitTimeSeconds: 20,
      maximumMessageSize: 1024,
    });
  });

  test("dlq becomes a redrive policy: 3 receives unless retry says otherwise", () => {
    const dlq = queue("Dlq").arn;
    expect(queue("Jobs").redrive).toEqual({ deadLetterTargetArn: dlq, maxReceiveCount: 5 });
    expect(queue("Archive").redrive).toEqual({ deadLetterTargetArn: dlq, maxReceiveCount: 3 });
  });
});

describe("event source mappings", () => {
  test("queue.subscribe maps the queue to its subscriber with the batch options and filters", () => {
    const mapping = graph.eventSourceMappings.find((m) => m.eventSourceArn === queue("Jobs").arn);
    expect(mapping).toMatchObject({
      batchSize: 5,
      maximumBatchingWindowSeconds: 20,
      reportBatchItemFailures: true,
      filterPatterns: [JSON.stringify({ body: { kind: ["urgent"] } })],
      enabled: true,
      maximumConcurrency: 4,
    });
    expect(mapping?.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fnByArn(String(mapping?.functionArn)).id).toMatch(/^JobsSubscriber/);
  });

  test("the subscriber's role may receive, delete and change visibility on its queue, and not send", () => {
    const mapping = graph.eventSourceMappings.find((m) => m.eventSourceArn === queue("Jobs").arn);
    const subscriber = fnByArn(String(mapping?.functionArn));
    for (const action of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"]) {
      expect(allows(subscriber, action, queue("Jobs").arn)).toBe(true);
    }
    expect(allows(subscriber, "sqs:SendMessage", queue("Jobs").arn)).toBe(false);
    expect(allows(subscriber, "sqs:ReceiveMessage", queue("Archive").arn)).toBe(false);
  });

  test("a mapping named by function name resolves to the function's ARN; absent options take Lambda's defaults", () => {
    const paused = byId(graph.eventSourceMappings, "Paused");
    const producer = byId(graph.functions, "Producer");
    expect(paused).toMatchObject({
      functionArn: producer.arn,
      eventSourceArn: queue("Archive").arn,
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      reportBatchItemFailures: false,
      filterPatterns: [],
      enabled: false,
    });
    expect(paused.maximumConcurrency).toBeUndefined();
  });
});

describe("topics and subscriptions", () => {
  test("topics carry their ARN; a FIFO topic's name ends in .fifo", () => {
    expect(topic("Alerts")).toMatchObject({
      fifo: false,
      arn: `arn:aws:sns:us-east-1:${ACCOUNT}:${topic("Alerts").name}`,
    });
    expect(topic("Ledger").fifo).toBe(true);
    expect(topic("Ledger").name).toMatch(/\.fifo$/);
  });

  test("a function subscription points at the function, with its filter policy", () => {
    const pager = byId(graph.topicSubscriptions, "AlertsSubscriberPagerSubscription");
    expect(pager).toMatchObject({
      topicArn: topic("Alerts").arn,
      protocol: "lambda",
      rawMessageDelivery: false,
      filterPolicy: JSON.stringify({ severity: ["high"] }),
      filterPolicyScope: "MessageAttributes",
    });
    expect(fnByArn(pager.endpoint).id).toMatch(/^AlertsSubscriberPager/);
    expect(pager.arn).toMatch(new RegExp(`^${topic("Alerts").arn}:[0-9a-f-]{36}$`));
  });

  test("a queue subscription points at the queue; subscription inputs from a transform are read", () => {
    const archive = byId(graph.topicSubscriptions, "AlertsSubscriberArchiveSubscription");
    expect(archive).toMatchObject({
      topicArn: topic("Alerts").arn,
      protocol: "sqs",
      endpoint: queue("Archive").arn,
      rawMessageDelivery: true,
      filterPolicy: JSON.stringify({ severity: [{ "anything-but": "low" }] }),
      filterPolicyScope: "MessageBody",
    });
    const ordered = byId(graph.topicSubscriptions, "LedgerSubscriberOrderedSubscription");
    expect(ordered).toMatchObject({ topicArn: topic("Ledger").arn, endpoint: queue("Ordered").arn });
    expect(ordered.filterPolicy).toBeUndefined();
  });
});

describe("buses and rules", () => {
  const rule = (id: string) => byId(graph.rules, id);

  test("the bus has its name and ARN", () => {
    const [bus] = graph.buses;
    expect(graph.buses).toHaveLength(1);
    expect(bus?.arn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/${bus?.name}`);
  });

  test("bus.subscribe: a rule on the bus with SST's pattern, targeting the function", () => {
    const onOrder = rule("ShopSubscriberOnOrderRule");
    expect(onOrder).toMatchObject({
      busName: graph.buses[0]?.name,
      arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/${graph.buses[0]?.name}/${onOrder.name}`,
      enabled: true,
    });
    expect(JSON.parse(onOrder.eventPattern)).toEqual({ source: ["shop"], "detail-type": ["OrderPlaced"] });
    expect(onOrder.targets).toHaveLength(1);
    expect(fnByArn(String(onOrder.targets[0]?.arn)).id).toMatch(/^ShopSubscriberOnOrder/);
  });

  test("bus.subscribeQueue targets the queue, with an input transformer from a transform", () => {
    const toArchive = rule("ShopSubscriberToArchiveRule");
    expect(JSON.parse(toArchive.eventPattern)).toEqual({ detail: { total: [{ numeric: [">", 100] }] } });
    expect(toArchive.targets).toEqual([
      {
        id: expect.stringMatching(/ShopSubscriberToArchiveTarget/),
        arn: queue("Archive").arn,
        inputTransformer: { inputPathsMap: { id: "$.detail.id" }, inputTemplate: '{"order":<id>}' },
      },
    ]);
  });

  test("a bus named by ARN is the same bus; DISABLED is not enabled; a constant input is kept", () => {
    const byArn = rule("ByArn");
    expect(byArn).toMatchObject({ busName: graph.buses[0]?.name, enabled: false });
    expect(byArn.targets).toEqual([{ id: expect.any(String), arn: queue("Archive").arn, input: '{"fixed":true}' }]);
  });

  test("a cron is a scheduled rule on the default bus", () => {
    const cron = graph.rules.find((r) => r.scheduleExpression !== undefined);
    expect(cron).toMatchObject({ busName: "default", scheduleExpression: "rate(1 minute)", eventPattern: "" });
    expect(cron?.arn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/${cron?.name}`);
    expect(cron?.targets).toHaveLength(1);
  });
});

describe("links", () => {
  test("a linked function gets the resource's SST_RESOURCE_ variable: url, arn, name and arn", () => {
    const { environment } = byId(graph.functions, "Producer");
    const bus = graph.buses[0];
    expect(JSON.parse(String(environment.SST_RESOURCE_Jobs))).toEqual({
      url: queue("Jobs").url,
      type: "sst.aws.Queue",
    });
    expect(JSON.parse(String(environment.SST_RESOURCE_Alerts))).toEqual({
      arn: topic("Alerts").arn,
      type: "sst.aws.SnsTopic",
    });
    expect(JSON.parse(String(environment.SST_RESOURCE_Shop))).toEqual({
      name: bus?.name,
      arn: bus?.arn,
      type: "sst.aws.Bus",
    });
  });

  test("link grants the service's actions on that resource only", () => {
    const producer = byId(graph.functions, "Producer");
    const bus = String(graph.buses[0]?.arn);
    expect(allows(producer, "sqs:SendMessage", queue("Jobs").arn)).toBe(true);
    expect(allows(producer, "sqs:SendMessage", queue("Archive").arn)).toBe(false);
    expect(allows(producer, "sns:Publish", topic("Alerts").arn)).toBe(true);
    expect(allows(producer, "sns:Publish", topic("Ledger").arn)).toBe(false);
    expect(allows(producer, "events:PutEvents", bus)).toBe(true);
    expect(allows(producer, "events:PutEvents", bus.replace(/event-bus\/.*/, "event-bus/default"))).toBe(false);
  });

  test("subscribers of topics and buses get no permissions at all", () => {
    const pager = fnByArn(byId(graph.topicSubscriptions, "AlertsSubscriberPagerSubscription").endpoint);
    expect(pager.policy).toEqual([]);
  });
});
