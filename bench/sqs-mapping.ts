// SQS → Lambda event source mapping, end to end: SendMessageBatch through SDK
// v3 over HTTP to the edge, the mapping's pollers, a trivial handler, deletes.
// The handler is a fake Invoker that returns at once (no Lambda worker), so the
// figure is the local cloud's SQS and mapping overhead, not a function's.
// Target: ≥ 2,000 messages/s. Not part of bench/run.ts.
//
//   node bench/sqs-mapping.ts
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { InvokeResult, Invoker } from "../course/cloud/lambda/invoker.ts";
import { DEFAULT_CONCURRENCY, SqsEventSourceMappings, type SqsRecord, SqsService } from "../course/cloud/sqs/index.ts";
import { bareEdge } from "./bare-edge.ts";
import { errorText, heading, ms, percentile, type Row, table } from "./stats.ts";

const WARMUP_MESSAGES = 1_000;
const MESSAGES = 20_000;
/** SendMessageBatch calls in flight at once */
const SENDERS = 8;
const TARGET_PER_SECOND = 2_000;
const QUEUE = "bench-orders";
const QUEUE_ARN = `arn:aws:sqs:us-east-1:000000000000:${QUEUE}`;

/** the trivial handler: counts the records and how long each waited since it was sent */
class CountingInvoker implements Invoker {
  processed = 0;
  readonly waits: number[] = [];

  async invoke(_name: string, payload: Buffer | string): Promise<InvokeResult> {
    const { Records } = JSON.parse(String(payload)) as { Records: SqsRecord[] };
    const now = Date.now();
    for (const record of Records) this.waits.push(now - Number(record.attributes.SentTimestamp));
    this.processed += Records.length;
    return { statusCode: 200, payload: Buffer.from("null"), requestId: "bench", executedVersion: "$LATEST" };
  }
}

async function sendAll(client: SQSClient, queueUrl: string, count: number, from: number): Promise<void> {
  let next = 0;
  const sender = async () => {
    while (next < count) {
      const start = next;
      next = Math.min(count, next + 10);
      const Entries = Array.from({ length: next - start }, (_, i) => ({
        Id: `m${i}`,
        MessageBody: JSON.stringify({ orderId: from + start + i, item: "tea", quantity: 2 }),
      }));
      const { Failed = [] } = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
      if (Failed.length > 0) throw new Error(`SendMessageBatch failed entries: ${JSON.stringify(Failed)}`);
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

export async function run(): Promise<Row[]> {
  heading(`SQS → mapping → handler → delete (${MESSAGES} messages, ${SENDERS} senders, fake invoker)`);
  const { edge, service } = await bareEdge((edgeUrl) => new SqsService({ queues: [], edgeUrl }));
  const queueUrl = service.engine.createQueue(QUEUE, {}).url;
  const invoker = new CountingInvoker();
  const mappings = new SqsEventSourceMappings({
    sqs: service,
    invoker,
    functionTimeoutSeconds: () => 3,
    mappings: [
      {
        id: "bench",
        functionArn: "arn:aws:lambda:us-east-1:000000000000:function:bench",
        eventSourceArn: QUEUE_ARN,
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: false,
        filterPatterns: [],
        enabled: true,
      },
    ],
  });
  const client = new SQSClient({
    endpoint: edge.url,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  const queue = service.engine.queue(QUEUE);
  const drained = () => {
    const left = queue.counts();
    return left.visible + left.inflight + left.delayed === 0;
  };
  try {
    await sendAll(client, queueUrl, WARMUP_MESSAGES, 0);
    await waitFor(() => invoker.processed === WARMUP_MESSAGES && drained());
    invoker.processed = 0;
    invoker.waits.length = 0;

    const start = performance.now();
    await sendAll(client, queueUrl, MESSAGES, WARMUP_MESSAGES);
    const sent = performance.now() - start;
    await waitFor(() => invoker.processed === MESSAGES && drained());
    const total = performance.now() - start;

    const endToEnd = MESSAGES / (total / 1000);
    const p50 = percentile(invoker.waits, 50);
    const p99 = percentile(invoker.waits, 99);
    console.log(
      table([
        ["figure", "value"],
        ["messages", String(MESSAGES)],
        ["pollers (batches in flight)", String(DEFAULT_CONCURRENCY)],
        ["send (SendMessageBatch over HTTP)", `${(MESSAGES / (sent / 1000)).toFixed(0)} messages/s`],
        [
          "end to end, first send to last delete",
          `${endToEnd.toFixed(0)} messages/s in ${(total / 1000).toFixed(2)} s`,
        ],
        ["sent → handler, p50", ms(p50)],
        ["sent → handler, p99", ms(p99)],
      ]),
    );
    return [
      {
        name: "SQS → mapping → delete (fake invoker)",
        value: `${endToEnd.toFixed(0)} messages/s`,
        target: `≥ ${TARGET_PER_SECOND} messages/s`,
        ok: endToEnd >= TARGET_PER_SECOND,
      },
    ];
  } catch (err) {
    console.log(`could not measure: ${errorText(err)}`);
    return [{ name: "SQS → mapping → delete (fake invoker)", value: "not measured", note: errorText(err) }];
  } finally {
    client.destroy();
    await mappings.close();
    await service.close();
    await edge.close();
  }
}

if (import.meta.main) await run();
