// CloudWatch Logs, read through the official SDK: what functions logged,
// filtered the way FilterLogEvents filters it.
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LambdaService } from "../../course/cloud/lambda/index.ts";
import { LogStore, LogsService } from "../../course/cloud/logs/index.ts";
import type { EdgeRequest } from "../../course/cloud/service.ts";
import type { FunctionSpec } from "../../course/graph/model.ts";
import { ROOT } from "../../course/paths.ts";
import { type ServedService, sdkConfig, serveService } from "../helpers/serve-service.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const GROUP = "/aws/lambda/orders";
const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);

function seed(store: LogStore): void {
  const lines: Array<[string, string, number]> = [
    ["2026/01/31/[$LATEST]aaaa", "START RequestId: r1 Version: $LATEST", T0],
    ["2026/01/31/[$LATEST]aaaa", '{"level":"INFO","orderId":"42","ms":12}', T0 + 1],
    ["2026/01/31/[$LATEST]aaaa", "order 42 created for Ada", T0 + 2],
    ["2026/01/31/[$LATEST]bbbb", '{"level":"ERROR","orderId":"43","ms":950}', T0 + 3],
    ["2026/01/31/[$LATEST]bbbb", "order 43 failed: no stock", T0 + 4],
    ["2026/01/31/[$LATEST]aaaa", "END RequestId: r1", T0 + 5],
  ];
  for (const [stream, message, timestamp] of lines) store.write(GROUP, stream, message, timestamp);
  store.write("/aws/lambda/payments", "2026/01/31/[$LATEST]cccc", "payment taken", T0);
  store.createGroup("/course/empty");
}

function edgeRequest(target: string | undefined, body: string): EdgeRequest {
  return {
    method: "POST",
    url: new URL("http://127.0.0.1/"),
    headers: target ? { "x-amz-target": target, "content-type": "application/x-amz-json-1.1" } : {},
    body: Buffer.from(body),
    principal: { kind: "learner", accessKeyId: "AKIDLEARNER", arn: "arn:aws:iam::000000000000:user/learner" },
    requestId: "request-1",
    sourceIp: "127.0.0.1",
  };
}

describe("LogsService", () => {
  const store = new LogStore();
  const service = new LogsService(store);
  let served: ServedService;
  let client: CloudWatchLogsClient;

  beforeAll(async () => {
    seed(store);
    served = await serveService(service);
    client = new CloudWatchLogsClient(sdkConfig(served.url));
  });

  afterAll(async () => {
    client?.destroy();
    await served?.close();
  });

  const filter = async (filterPattern?: string, extra: Record<string, unknown> = {}) => {
    const result = await client.send(
      new FilterLogEventsCommand({
        logGroupName: GROUP,
        ...(filterPattern === undefined ? {} : { filterPattern }),
        ...extra,
      }),
    );
    return (result.events ?? []).map((e) => e.message);
  };

  it("returns every event of a group in time order, across streams", async () => {
    const result = await client.send(new FilterLogEventsCommand({ logGroupName: GROUP }));
    expect(result.events?.map((e) => e.timestamp)).toEqual([0, 1, 2, 3, 4, 5].map((n) => T0 + n));
    expect(result.events?.[0]).toMatchObject({
      logStreamName: "2026/01/31/[$LATEST]aaaa",
      eventId: expect.stringMatching(/^\d{56}$/),
      ingestionTime: expect.any(Number),
    });
    expect(result.nextToken).toBeUndefined();
  });

  it("filters by terms, quoted phrases, alternatives and exclusions", async () => {
    expect(await filter("order created")).toEqual(["order 42 created for Ada"]);
    expect(await filter('"no stock"')).toEqual(["order 43 failed: no stock"]);
    expect(await filter("?Ada ?failed")).toEqual(["order 42 created for Ada", "order 43 failed: no stock"]);
    expect(await filter('"order 4" -failed')).toEqual(["order 42 created for Ada"]);
    expect(await filter("ada")).toEqual([]); // case sensitive, as on AWS
  });

  it("filters JSON events with = and != and more", async () => {
    expect(await filter('{ $.level = "ERROR" }')).toEqual(['{"level":"ERROR","orderId":"43","ms":950}']);
    expect(await filter('{ $.level != "ERROR" }')).toEqual(['{"level":"INFO","orderId":"42","ms":12}']);
    expect(await filter("{ $.orderId = 4* }")).toHaveLength(2);
    expect(await filter("{ $.ms > 100 || $.orderId = 42 }")).toHaveLength(2);
    expect(await filter('{ ($.ms < 100) && $.level = "INFO" }')).toEqual(['{"level":"INFO","orderId":"42","ms":12}']);
    expect(await filter("{ $.missing NOT EXISTS }")).toHaveLength(2);
    expect(await filter("%order 4[23]%")).toHaveLength(2);
  });

  it("narrows by stream and time, and pages with limit and nextToken", async () => {
    expect(await filter(undefined, { logStreamNames: ["2026/01/31/[$LATEST]bbbb"] })).toHaveLength(2);
    expect(await filter(undefined, { startTime: T0 + 2, endTime: T0 + 4 })).toHaveLength(3);

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new FilterLogEventsCommand({ logGroupName: GROUP, limit: 4, ...(nextToken ? { nextToken } : {}) }),
      );
      expect(page.events?.length).toBeLessThanOrEqual(4);
      seen.push(...(page.events ?? []).map((e) => e.message ?? ""));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(await filter());
  });

  it("accepts a log group ARN as logGroupIdentifier", async () => {
    const arn = `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}`;
    const result = await client.send(new FilterLogEventsCommand({ logGroupIdentifier: arn, filterPattern: "Ada" }));
    expect(result.events).toHaveLength(1);
  });

  it("reads one stream with GetLogEvents, from the head or the tail", async () => {
    const logStreamName = "2026/01/31/[$LATEST]aaaa";
    const head = await client.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName, startFromHead: true, limit: 2 }),
    );
    expect(head.events?.map((e) => e.message)).toEqual([
      "START RequestId: r1 Version: $LATEST",
      '{"level":"INFO","orderId":"42","ms":12}',
    ]);
    const rest = await client.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName, nextToken: head.nextForwardToken, limit: 10 }),
    );
    expect(rest.events?.map((e) => e.message)).toEqual(["order 42 created for Ada", "END RequestId: r1"]);
    const end = await client.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName, nextToken: rest.nextForwardToken }),
    );
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(rest.nextForwardToken);

    const tail = await client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName, limit: 1 }));
    expect(tail.events?.map((e) => e.message)).toEqual(["END RequestId: r1"]);
  });

  it("describes groups by prefix and streams by name or last event", async () => {
    const groups = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda/" }));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual([GROUP, "/aws/lambda/payments"]);
    expect(groups.logGroups?.[0]).toMatchObject({
      arn: `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}:*`,
      storedBytes: expect.any(Number),
    });
    const all = await client.send(new DescribeLogGroupsCommand({}));
    expect(all.logGroups?.map((g) => g.logGroupName)).toContain("/course/empty");

    const streams = await client.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual([
      "2026/01/31/[$LATEST]aaaa",
      "2026/01/31/[$LATEST]bbbb",
    ]);
    expect(streams.logStreams?.[0]).toMatchObject({ firstEventTimestamp: T0, lastEventTimestamp: T0 + 5 });
    const latest = await client.send(
      new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: "LastEventTime", descending: true, limit: 1 }),
    );
    expect(latest.logStreams?.map((s) => s.logStreamName)).toEqual(["2026/01/31/[$LATEST]aaaa"]);
    expect(latest.nextToken).toBeDefined();
  });

  it("answers an unknown group with ResourceNotFoundException", async () => {
    const missing = client.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/nope" }));
    await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(missing).rejects.toMatchObject({ message: "The specified log group does not exist." });
  });

  it("answers an unknown operation and a body that is not JSON in the awsJson protocol", async () => {
    const unknown = await service.handle(edgeRequest("Logs_20140328.DeleteEverything", "{}"));
    expect(unknown.status).toBe(400);
    expect(JSON.parse(String(unknown.body)).__type).toMatch(/#UnknownOperationException$/);
    const garbled = await service.handle(edgeRequest("Logs_20140328.FilterLogEvents", "{not json"));
    expect(garbled.status).toBe(400);
    expect(JSON.parse(String(garbled.body)).__type).toMatch(/#SerializationException$/);
  });
});

describe("LogsService with the Lambda service", () => {
  const store = new LogStore();
  const fn: FunctionSpec = {
    id: "Echo",
    name: "logs-test-echo",
    arn: "arn:aws:lambda:us-east-1:000000000000:function:logs-test-echo",
    handler: "test/fixtures/handlers/echo.handler",
    runtime: "nodejs24.x",
    timeoutSeconds: 5,
    memoryMB: 128,
    environment: {},
    roleArn: "arn:aws:iam::000000000000:role/logs-test-echo-role",
    policy: [],
    logGroup: "/aws/lambda/logs-test-echo",
  };
  const lambda = new LambdaService({ functions: [fn], root: ROOT, edgeUrl: "http://127.0.0.1:4566", logs: store });
  let served: ServedService;
  let client: CloudWatchLogsClient;

  beforeAll(async () => {
    served = await serveService(new LogsService(store));
    client = new CloudWatchLogsClient(sdkConfig(served.url));
  });

  afterAll(async () => {
    client?.destroy();
    await served?.close();
    await lambda.close();
  });

  it("finds the handler's own log line and the REPORT line of an invocation", async () => {
    const { requestId } = await lambda.invoke(fn.name, JSON.stringify({ orderId: "order-77" }));
    const own = await client.send(
      new FilterLogEventsCommand({ logGroupName: fn.logGroup, filterPattern: '"order-77"' }),
    );
    expect(own.events?.map((e) => e.message)).toEqual([
      expect.stringMatching(new RegExp(`\\t${requestId}\\tINFO\\techo got \\{"orderId":"order-77"\\}$`)),
    ]);

    const report = await client.send(
      new FilterLogEventsCommand({ logGroupName: fn.logGroup, filterPattern: `REPORT "${requestId}"` }),
    );
    expect(report.events?.map((e) => e.message)).toEqual([
      expect.stringMatching(/^REPORT RequestId: .*\tInit Duration: /),
    ]);
    expect(report.events?.[0]?.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });
});
