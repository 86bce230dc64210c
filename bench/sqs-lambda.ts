// SQS → Lambda through the whole local cloud: an SST app with a queue and a
// subscriber whose handler does nothing, SendMessageBatch from SDK v3 over HTTP,
// the mapping's pollers, a real Lambda worker per batch, the deletes. The figure
// is messages/s from the first send until the queue is empty.
// Target: ≥ 2,000 messages/s.
//
//   node bench/sqs-lambda.ts
import fs from "node:fs";
import path from "node:path";
import { GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startLocalCloud } from "../course/cloud/local-cloud.ts";
import { freePort } from "../course/lab-runner/actions.ts";
import { LOCAL_DIR } from "../course/paths.ts";
import { errorText, heading, ROOT, type Row, table } from "./stats.ts";

const WARMUP = 1_000;
const MESSAGES = 10_000;
const SENDERS = 8;
const TARGET_PER_SECOND = 2_000;
const TIME_LIMIT_MS = 120_000;
const FOLDER = "zz-bench-sqs";

const INFRA = `import type { LabContext } from "../../infra/load-lab";

export default function infra({ dir }: LabContext) {
  const jobs = new sst.aws.Queue("Jobs", { visibilityTimeout: "30 seconds" });
  jobs.subscribe({ handler: \`\${dir}/src/noop.handler\`, timeout: "30 seconds" }, { batch: { size: 10 } });
  return { jobs: jobs.url };
}
`;
const HANDLER = "export async function handler() {}\n";

async function sendAll(client: SQSClient, queueUrl: string, count: number): Promise<void> {
  let next = 0;
  const sender = async () => {
    while (next < count) {
      const size = Math.min(10, count - next);
      next += size;
      const Entries = Array.from({ length: size }, (_, i) => ({ Id: `m${i}`, MessageBody: `{"orderId":${next + i}}` }));
      const { Failed = [] } = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
      if (Failed.length > 0) throw new Error(`SendMessageBatch failed entries: ${JSON.stringify(Failed)}`);
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
}

async function drained(client: SQSClient, queueUrl: string, deadline: number): Promise<void> {
  for (;;) {
    const { Attributes = {} } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    );
    if (
      Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible) ===
      0
    ) {
      return;
    }
    if (Date.now() > deadline) throw new Error(`the queue was not empty after ${TIME_LIMIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function run(): Promise<Row[]> {
  heading(`SQS → Lambda worker → delete through the local cloud (${MESSAGES} messages, handler does nothing)`);
  const dir = path.join(ROOT, "labs", FOLDER);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "infra.ts"), INFRA);
  fs.writeFileSync(path.join(dir, "src", "noop.ts"), HANDLER);
  const outputsFile = path.join(LOCAL_DIR, "outputs", `${FOLDER}.json`);
  const cloud = await startLocalCloud({
    lab: "00-first-function",
    from: "labs",
    folder: FOLDER,
    port: await freePort(),
    outputsFile,
    watch: false,
  });
  const client = new SQSClient({
    endpoint: cloud.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  try {
    const queueUrl = String(JSON.parse(fs.readFileSync(outputsFile, "utf8")).jobs);
    const deadline = Date.now() + TIME_LIMIT_MS;
    await sendAll(client, queueUrl, WARMUP);
    await drained(client, queueUrl, deadline);

    const start = performance.now();
    await sendAll(client, queueUrl, MESSAGES);
    const sent = performance.now() - start;
    await drained(client, queueUrl, deadline);
    const total = performance.now() - start;
    const rate = MESSAGES / (total / 1000);
    console.log(
      table([
        ["figure", "value"],
        ["send (SendMessageBatch over HTTP)", `${(MESSAGES / (sent / 1000)).toFixed(0)} messages/s`],
        ["end to end, first send to empty queue", `${rate.toFixed(0)} messages/s in ${(total / 1000).toFixed(2)} s`],
      ]),
    );
    return [
      {
        name: "SQS → Lambda → delete (local cloud)",
        value: `${rate.toFixed(0)} messages/s`,
        target: `≥ ${TARGET_PER_SECOND} messages/s`,
        ok: rate >= TARGET_PER_SECOND,
      },
    ];
  } catch (err) {
    console.log(`could not measure: ${errorText(err)}`);
    return [{ name: "SQS → Lambda → delete (local cloud)", value: "not measured", note: errorText(err) }];
  } finally {
    client.destroy();
    await cloud.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outputsFile, { force: true });
  }
}

if (import.meta.main) await run();
