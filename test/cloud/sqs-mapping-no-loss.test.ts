// No message is lost: 10,000 messages through a mapping whose function
// succeeds, fails part of its batches, throws, times out, crashes and answers
// nonsense at random. Every message ends up processed or dead-lettered, once.
import { expect, it } from "vitest";
import { SqsEventSourceMappings, type SqsRecord } from "../../course/cloud/sqs/index.ts";
import { queueSpec } from "./sqs-edge.ts";
import { FakeInvoker, type FakeOutcome, mappingSpec, sleep, sqsService, until } from "./sqs-mapping-fixtures.ts";

const MESSAGES = 10_000;
/** a 30 s visibility timeout lasts 0.6 s; the function's 3 s timeout, 60 ms */
const TIME_SCALE = 1 / 50;
const FUNCTION_TIMEOUT_MS = 3000 * TIME_SCALE;

/** mulberry32: the same "random" run every time, so a failure can be replayed */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

it("delivers or dead-letters every one of 10,000 messages exactly once", { timeout: 60_000 }, async () => {
  const random = seeded(20261127);
  const dlq = queueSpec("no-loss-dlq");
  const queue = queueSpec("no-loss", { redrive: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 } });
  const sqs = sqsService([dlq, queue], TIME_SCALE);
  /** how many times the function finished processing each message */
  const processed = new Map<string, number>();
  let retriedAndProcessed = 0;
  const done = (records: SqsRecord[]) => {
    for (const record of records) {
      processed.set(record.messageId, (processed.get(record.messageId) ?? 0) + 1);
      if (record.attributes.ApproximateReceiveCount !== "1") retriedAndProcessed += 1;
    }
  };
  const fail = (errorType: string, errorMessage: string): FakeOutcome => ({
    fails: "Unhandled",
    errorType,
    errorMessage,
  });

  const invoker = new FakeInvoker(async (records) => {
    const roll = random();
    await sleep(random() * 10);
    if (roll < 0.55) {
      done(records);
      return { returns: { batchItemFailures: [] } };
    }
    if (roll < 0.7) {
      const failed = records.filter(() => random() < 0.5);
      done(records.filter((record) => !failed.includes(record)));
      return { returns: { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) } };
    }
    if (roll < 0.8) return fail("Error", "handler threw");
    if (roll < 0.88) {
      await sleep(FUNCTION_TIMEOUT_MS);
      return fail("Sandbox.Timedout", "Task timed out after 3.00 seconds");
    }
    if (roll < 0.95)
      return fail("Runtime.ExitError", "RequestId: fake Error: Runtime exited with error: signal: killed");
    // an identifier that is not in the batch fails the whole batch, whatever was done
    return { returns: { batchItemFailures: [{ itemIdentifier: "not-in-this-batch" }] } };
  });

  const mappings = new SqsEventSourceMappings({
    sqs,
    invoker,
    mappings: [mappingSpec(queue, { reportBatchItemFailures: true, maximumConcurrency: 10 })],
    functionTimeoutSeconds: () => 3,
  });
  expect(mappings.problems).toEqual([]);

  const sent = new Set<string>();
  for (let i = 0; i < MESSAGES; i++) {
    const result = sqs.engine.send(queue.name, { body: `message ${i}`, attributes: {}, systemAttributes: {} }, "test");
    sent.add(result.messageId);
    if (i % 500 === 0) await sleep(0);
  }

  const source = sqs.engine.queue(queue.name);
  const deadLetters = sqs.engine.queue(dlq.name);
  await until(() => {
    const left = source.counts();
    return left.visible + left.inflight + left.delayed === 0;
  }, 55_000);
  await mappings.close();

  const deadLettered: string[] = [];
  for (;;) {
    const batch = await sqs.engine.receive(dlq.name, { max: 10, waitSeconds: 0, visibilityTimeout: 43_200 });
    if (batch.length === 0) break;
    deadLettered.push(...batch.map((message) => message.id));
  }
  await sqs.close();

  expect(deadLetters.counts().inflight).toBe(deadLettered.length);
  expect([...processed.values()].every((times) => times === 1)).toBe(true);
  expect(new Set(deadLettered).size).toBe(deadLettered.length);
  expect(deadLettered.filter((id) => processed.has(id))).toEqual([]);
  expect(processed.size + deadLettered.length).toBe(MESSAGES);
  expect(new Set([...processed.keys(), ...deadLettered])).toEqual(sent);
  // the run exercised both ends: retries that succeeded, and messages that ran out of receives
  expect(retriedAndProcessed).toBeGreaterThan(0);
  expect(deadLettered.length).toBeGreaterThan(0);
});
