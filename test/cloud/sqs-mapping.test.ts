// The SQS → Lambda event source mapping with a fake Invoker: the event's
// shape, deletes on success, retries and redrive on failure, partial batch
// responses, filters, batching windows, concurrency and FIFO order.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { SqsEventSourceMappings, type SqsRecord, type SqsService } from "../../course/cloud/sqs/index.ts";
import type { EventSourceMappingSpec, QueueSpec } from "../../course/graph/model.ts";
import { queueSpec } from "./sqs-edge.ts";
import { FakeInvoker, type FakeOutcome, mappingSpec, sleep, sqsService, until } from "./sqs-mapping-fixtures.ts";

/** every SQS duration runs 100 times faster: a 30 s visibility timeout lasts 0.3 s */
const TIME_SCALE = 0.01;
const ok: FakeOutcome = { returns: undefined };
const crash: FakeOutcome = { fails: "Unhandled", errorType: "Error", errorMessage: "boom" };

let running: { sqs: SqsService; mappings: SqsEventSourceMappings } | undefined;

afterEach(async () => {
  await running?.mappings.close();
  await running?.sqs.close();
  running = undefined;
});

function start(queues: QueueSpec[], invoker: FakeInvoker, mappings: EventSourceMappingSpec[], functionTimeout = 3) {
  const sqs = sqsService(queues, TIME_SCALE);
  const started = new SqsEventSourceMappings({
    sqs,
    invoker,
    mappings,
    functionTimeoutSeconds: () => functionTimeout,
  });
  running = { sqs, mappings: started };
  return running;
}

const counts = (sqs: SqsService, name: string) => sqs.engine.queue(name).counts();
const bodies = (records: SqsRecord[]) => records.map((record) => record.body);

describe("events and deletes", () => {
  it("invokes with Lambda's SQS event and deletes the batch when the function succeeds", async () => {
    const queue = queueSpec("events");
    const invoker = new FakeInvoker(() => ok);
    const { sqs } = start([queue], invoker, [mappingSpec(queue)]);
    await sqs.deliver(queue.arn, {
      body: '{"orderId":1}',
      attributes: {
        kind: { DataType: "String", StringValue: "order" },
        raw: { DataType: "Binary", BinaryValue: Uint8Array.from([1, 2]) },
      },
    });
    await until(() => invoker.events.length === 1);
    const [record] = invoker.events[0]!;
    expect(Object.keys(record!)).toEqual([
      "messageId",
      "receiptHandle",
      "body",
      "attributes",
      "messageAttributes",
      "md5OfMessageAttributes",
      "md5OfBody",
      "eventSource",
      "eventSourceARN",
      "awsRegion",
    ]);
    expect(record).toMatchObject({
      body: '{"orderId":1}',
      md5OfBody: createHash("md5").update('{"orderId":1}').digest("hex"),
      eventSource: "aws:sqs",
      eventSourceARN: queue.arn,
      awsRegion: "us-east-1",
      messageAttributes: {
        kind: { stringValue: "order", stringListValues: [], binaryListValues: [], dataType: "String" },
        raw: { binaryValue: "AQI=", stringListValues: [], binaryListValues: [], dataType: "Binary" },
      },
    });
    expect(Object.keys(record!.attributes)).toEqual([
      "ApproximateReceiveCount",
      "SentTimestamp",
      "SenderId",
      "ApproximateFirstReceiveTimestamp",
    ]);
    expect(record!.attributes.ApproximateReceiveCount).toBe("1");
    await until(() => counts(sqs, "events").inflight === 0);
    expect(counts(sqs, "events")).toEqual({ visible: 0, inflight: 0, delayed: 0 });
  });

  it("retries a failed batch after the visibility timeout and dead-letters it after maxReceiveCount", async () => {
    const dlq = queueSpec("failing-dlq");
    const queue = queueSpec("failing", { redrive: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 } });
    const invoker = new FakeInvoker(() => crash);
    const { sqs } = start([dlq, queue], invoker, [mappingSpec(queue)]);
    await sqs.deliver(queue.arn, { body: "poison" });
    await until(() => counts(sqs, "failing-dlq").visible === 1);
    expect(invoker.events.map(bodies)).toEqual([["poison"], ["poison"]]);
    expect(invoker.events.map((records) => records[0]!.attributes.ApproximateReceiveCount)).toEqual(["1", "2"]);
    expect(counts(sqs, "failing")).toEqual({ visible: 0, inflight: 0, delayed: 0 });
  });

  it("with ReportBatchItemFailures deletes all but the failed items; a bad identifier fails the whole batch", async () => {
    const queue = queueSpec("partial");
    let answer: (records: SqsRecord[]) => unknown = (records) => ({
      batchItemFailures: [{ itemIdentifier: records.find((r) => r.body === "b")?.messageId }],
    });
    const invoker = new FakeInvoker((records) => ({ returns: answer(records) }));
    const { sqs, mappings } = start([queue], invoker, []);
    for (const body of ["a", "b", "c"]) await sqs.deliver(queue.arn, { body });
    mappings.update([mappingSpec(queue, { reportBatchItemFailures: true })]);
    await until(() => invoker.events.length === 1);
    expect(bodies(invoker.events[0]!).sort()).toEqual(["a", "b", "c"]);
    await until(() => counts(sqs, "partial").inflight === 1 && counts(sqs, "partial").visible === 0);

    answer = () => ({ batchItemFailures: [{ itemIdentifier: "" }] });
    await until(() => invoker.events.length === 2);
    expect(bodies(invoker.events[1]!)).toEqual(["b"]);
    answer = () => ({ batchItemFailures: [] });
    await until(() => invoker.events.length === 3);
    expect(bodies(invoker.events[2]!)).toEqual(["b"]);
    await until(() => counts(sqs, "partial").inflight === 0);
    expect(counts(sqs, "partial").visible).toBe(0);
  });

  it("deletes the messages its filters reject without invoking the function", async () => {
    const queue = queueSpec("filtered");
    const invoker = new FakeInvoker(() => ok);
    const filterPatterns = ['{"body":{"kind":["order"]}}', '{"body":["plain text"]}'];
    const { sqs } = start([queue], invoker, [mappingSpec(queue, { filterPatterns })]);
    for (const body of ['{"kind":"order"}', '{"kind":"refund"}', "plain text", "other text"]) {
      await sqs.deliver(queue.arn, { body });
    }
    await until(() => counts(sqs, "filtered").visible + counts(sqs, "filtered").inflight === 0);
    expect(invoker.events.flatMap(bodies).sort()).toEqual(["plain text", '{"kind":"order"}']);
  });
});

describe("batching and scaling", () => {
  it("gathers up to the batch size within the batching window", async () => {
    const queue = queueSpec("windowed");
    const invoker = new FakeInvoker(() => ok);
    const { sqs, mappings } = start([queue], invoker, []);
    for (let i = 0; i < 25; i++) await sqs.deliver(queue.arn, { body: `m${i}` });
    mappings.update([mappingSpec(queue, { batchSize: 25, maximumBatchingWindowSeconds: 5, maximumConcurrency: 2 })]);
    await until(() => invoker.events.flat().length === 25);
    // two pollers share 25 messages: one of them gathered more than a single receive returns
    expect(Math.max(...invoker.events.map((records) => records.length))).toBeGreaterThan(10);
  });

  it("runs several batches at once, never more than maximumConcurrency", async () => {
    const queue = queueSpec("busy");
    const invoker = new FakeInvoker(async () => {
      await sleep(20);
      return ok;
    });
    const { sqs, mappings } = start([queue], invoker, []);
    for (let i = 0; i < 60; i++) await sqs.deliver(queue.arn, { body: `m${i}` });
    mappings.update([mappingSpec(queue, { batchSize: 2, maximumConcurrency: 3 })]);
    await until(() => invoker.events.flat().length === 60);
    expect(invoker.mostRunning).toBeGreaterThan(1);
    expect(invoker.mostRunning).toBeLessThanOrEqual(3);
  });

  it("does not poll for a disabled mapping, and starts when it is enabled", async () => {
    const queue = queueSpec("switched");
    const invoker = new FakeInvoker(() => ok);
    const { sqs, mappings } = start([queue], invoker, [mappingSpec(queue, { enabled: false })]);
    await sqs.deliver(queue.arn, { body: "waiting" });
    await sleep(50);
    expect(invoker.events).toEqual([]);
    expect(counts(sqs, "switched").visible).toBe(1);
    mappings.update([mappingSpec(queue)]);
    await until(() => invoker.events.length === 1);
  });

  it("refuses a mapping whose queue's visibility timeout is shorter than the function's timeout", () => {
    const queue = queueSpec("too-short", { visibilityTimeoutSeconds: 10 });
    const { mappings } = start([queue], new FakeInvoker(() => ok), [mappingSpec(queue)], 60);
    expect(mappings.problems).toEqual([
      "event source mapping too-short-mapping: Queue visibility timeout: 10 seconds is less than Function timeout: 60 seconds",
    ]);
  });
});

describe("FIFO queues", () => {
  it("processes each message group in order, one batch of a group at a time", async () => {
    const queue = queueSpec("jobs.fifo", { contentBasedDeduplication: true });
    const groupsRunning = new Set<string>();
    let overlapped = false;
    let batches = 0;
    const invoker = new FakeInvoker(async (records) => {
      batches += 1;
      const failing = batches % 3 === 0;
      const groups = new Set(records.map((record) => record.attributes.MessageGroupId!));
      if ([...groups].some((group) => groupsRunning.has(group))) overlapped = true;
      for (const group of groups) groupsRunning.add(group);
      await sleep(5);
      for (const group of groups) groupsRunning.delete(group);
      // every third batch fails: its groups are retried, still in order
      return failing ? crash : ok;
    });
    const { sqs, mappings } = start([queue], invoker, []);
    for (let i = 0; i < 30; i++) {
      await sqs.deliver(queue.arn, { body: `${i % 3}:${i}`, groupId: `g${i % 3}` });
    }
    mappings.update([mappingSpec(queue, { batchSize: 4 })]);
    await until(() => counts(sqs, "jobs.fifo").visible + counts(sqs, "jobs.fifo").inflight === 0);
    expect(overlapped).toBe(false);
    const record = invoker.events[0]![0]!;
    expect(record.attributes).toMatchObject({
      MessageGroupId: record.body.startsWith("0") ? "g0" : expect.stringMatching(/^g[12]$/),
      MessageDeduplicationId: createHash("sha256").update(record.body).digest("hex"),
      SequenceNumber: expect.stringMatching(/^\d{20}$/),
    });
    // the successful deliveries of each group, in the order they were processed
    const processed = new Map<string, number[]>();
    invoker.events.forEach((records: SqsRecord[], index: number) => {
      if ((index + 1) % 3 === 0) return;
      for (const { body } of records) {
        const [group, n] = body.split(":");
        processed.set(group!, [...(processed.get(group!) ?? []), Number(n)]);
      }
    });
    for (const [group, numbers] of processed) {
      expect(numbers, `group ${group}`).toEqual([...numbers].sort((a, b) => a - b));
      expect(numbers.length).toBe(10);
    }
  });
});
