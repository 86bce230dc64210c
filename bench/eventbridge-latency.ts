// PutEvents → rule → target latency of the local EventBridge: an
// EventBridgeClient sends one event at a time through the edge; the rule's
// Lambda target is a fake Invoker that notes when each event arrives, and an
// SQS target with an input transformer is a fake QueueDelivery doing the same.
// So the figures are the local cloud's own path (SDK signing, HTTP, edge,
// matching, transformation, delivery hand-off), not a function's run time.
// Not part of bench/run.ts.
//
//   node bench/eventbridge-latency.ts
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { EventBridgeService } from "../course/cloud/eventbridge/index.ts";
import type { InvokeResult, Invoker } from "../course/cloud/lambda/invoker.ts";
import type { QueueDelivery } from "../course/cloud/queue-delivery.ts";
import type { RuleSpec } from "../course/graph/model.ts";
import { bareEdge } from "./bare-edge.ts";
import { heading, mean, ms, percentile, type Row } from "./stats.ts";

const WARMUP = 50;
const EVENTS = 2000;
const FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:bench-target";
const QUEUE = "arn:aws:sqs:us-east-1:000000000000:bench-target";

/** When each event id reached a target, by target. */
const arrivals = { lambda: new Map<string, number>(), sqs: new Map<string, number>() };

const invoker: Invoker = {
  async invoke(_name, payload): Promise<InvokeResult> {
    arrivals.lambda.set(JSON.parse(payload.toString()).id, performance.now());
    return { statusCode: 202, payload: Buffer.alloc(0), requestId: "bench", executedVersion: "$LATEST" };
  },
};
const queues: QueueDelivery = {
  async deliver(_arn, message) {
    arrivals.sqs.set(JSON.parse(message.body).id, performance.now());
  },
};

const rule: RuleSpec = {
  id: "Bench",
  name: "bench",
  arn: "arn:aws:events:us-east-1:000000000000:rule/bench",
  busName: "default",
  eventPattern: JSON.stringify({ source: ["bench.orders"], detail: { total: [{ numeric: [">", 0] }] } }),
  enabled: true,
  targets: [
    { id: "function", arn: FUNCTION },
    {
      id: "queue",
      arn: QUEUE,
      inputTransformer: {
        inputPathsMap: { id: "$.id", total: "$.detail.total" },
        inputTemplate: '{"id": <id>, "total": <total>, "rule": <aws.events.rule-name>}',
      },
    },
  ],
};

function summary(label: string, samples: readonly number[]): string {
  return `${label.padEnd(36)} p50 ${ms(percentile(samples, 50))}  p90 ${ms(percentile(samples, 90))}  p99 ${ms(percentile(samples, 99))}  max ${ms(Math.max(...samples))}  mean ${ms(mean(samples))}`;
}

export async function run(): Promise<Row[]> {
  const { edge, service: events } = await bareEdge(
    () => new EventBridgeService({ buses: [], rules: [rule], invoker, queues }),
  );
  const client = new EventBridgeClient({
    endpoint: edge.url,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  const put = async (n: number) => {
    const sent = performance.now();
    const { Entries } = await client.send(
      new PutEventsCommand({
        Entries: [{ Source: "bench.orders", DetailType: "OrderPlaced", Detail: JSON.stringify({ total: n + 1 }) }],
      }),
    );
    const answered = performance.now();
    await events.idle();
    const id = Entries?.[0]?.EventId ?? "";
    const lambda = arrivals.lambda.get(id);
    const sqs = arrivals.sqs.get(id);
    if (lambda === undefined || sqs === undefined) throw new Error(`event ${id} did not reach both targets`);
    return { answer: answered - sent, lambda: lambda - sent, sqs: sqs - sent };
  };

  heading(`EventBridge PutEvents → rule → target (${WARMUP} warm-up, ${EVENTS} sequential events)`);
  console.log("targets are a fake Invoker and a fake QueueDelivery that note each event's arrival time:");
  console.log("the figures are the local cloud's path to a target, not a function's or a queue's own work");
  for (let n = 0; n < WARMUP; n++) await put(n);
  const samples = { answer: [] as number[], lambda: [] as number[], sqs: [] as number[] };
  const started = performance.now();
  for (let n = 0; n < EVENTS; n++) {
    const sample = await put(n);
    samples.answer.push(sample.answer);
    samples.lambda.push(sample.lambda);
    samples.sqs.push(sample.sqs);
  }
  const wall = performance.now() - started;
  console.log(summary("PutEvents → Lambda target (Event)", samples.lambda));
  console.log(summary("PutEvents → SQS target (transformed)", samples.sqs));
  console.log(summary("PutEvents answered", samples.answer));
  console.log(`${((EVENTS / wall) * 1000).toFixed(0)} events/s, one at a time`);
  client.destroy();
  await events.close();
  await edge.close();
  return [
    {
      name: "PutEvents → rule → Lambda target, p50 / p99",
      value: `${ms(percentile(samples.lambda, 50))} / ${ms(percentile(samples.lambda, 99))}`,
      note: "fake targets: the local cloud's path only",
    },
  ];
}

if (import.meta.main) await run();
