// Queues, topics and buses end to end in the local cloud, from one SST app: a
// function linked to all three sends, publishes and puts; a queue subscriber
// with a DLQ takes the jobs, an SNS filter picks what reaches a queue, and a bus
// rule invokes a function. What a function was not linked to, it cannot reach.
import fs from "node:fs";
import path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type LocalCloud, startLocalCloud } from "../../course/cloud/local-cloud.ts";
import { freePort } from "../../course/lab-runner/actions.ts";
import { LOCAL_DIR, ROOT } from "../../course/paths.ts";

const folder = `zz-messaging-cloud-${process.pid}`;
const dir = path.join(ROOT, "labs", folder);

const INFRA = `import type { LabContext } from "../../infra/load-lab";

export default function infra({ dir }: LabContext) {
  const seen = new sst.aws.Dynamo("Seen", { fields: { id: "string" }, primaryIndex: { hashKey: "id" } });
  const dlq = new sst.aws.Queue("JobsDlq");
  const jobs = new sst.aws.Queue("Jobs", { dlq: { queue: dlq.arn, retry: 2 }, visibilityTimeout: "2 seconds" });
  jobs.subscribe({ handler: \`\${dir}/src/handlers.worker\`, link: [seen], timeout: "2 seconds" }, { batch: { partialResponses: true } });

  const topic = new sst.aws.SnsTopic("Orders");
  const big = new sst.aws.Queue("BigOrders");
  topic.subscribeQueue("Big", big.arn, { filter: { size: ["big"] } });

  const bus = new sst.aws.Bus("Shop");
  bus.subscribe("OnPlaced", { handler: \`\${dir}/src/handlers.onPlaced\`, link: [seen] }, {
    pattern: { source: ["shop"], detailType: ["OrderPlaced"] },
  });

  const producer = new sst.aws.Function("Producer", { handler: \`\${dir}/src/handlers.produce\`, link: [jobs, topic, bus] });
  const stranger = new sst.aws.Function("Stranger", { handler: \`\${dir}/src/handlers.stranger\`, environment: { JOBS: jobs.url } });
  return { seen: seen.name, dlq: dlq.url, big: big.url, producer: producer.name, stranger: stranger.name, jobs: jobs.url };
}
`;

const HANDLERS = `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";

const r = Resource as unknown as Record<string, { name: string; url: string; arn: string }>;
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function produce(event: { id: string }) {
  await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: r.Jobs.url, MessageBody: event.id }));
  for (const size of ["big", "small"]) {
    await new SNSClient({}).send(new PublishCommand({
      TopicArn: r.Orders.arn,
      Message: JSON.stringify({ id: event.id, size }),
      MessageAttributes: { size: { DataType: "String", StringValue: size } },
    }));
  }
  const put = await new EventBridgeClient({}).send(new PutEventsCommand({
    Entries: [{ EventBusName: r.Shop.name, Source: "shop", DetailType: "OrderPlaced", Detail: JSON.stringify({ id: event.id }) }],
  }));
  return { failed: put.FailedEntryCount };
}

export async function worker(event: { Records: { messageId: string; body: string }[] }) {
  const failures = [];
  for (const record of event.Records) {
    if (record.body.startsWith("poison")) failures.push({ itemIdentifier: record.messageId });
    else await db.send(new PutCommand({ TableName: r.Seen.name, Item: { id: "job-" + record.body } }));
  }
  return { batchItemFailures: failures };
}

export async function onPlaced(event: { detail: { id: string } }) {
  await db.send(new PutCommand({ TableName: r.Seen.name, Item: { id: "placed-" + event.detail.id } }));
}

export async function stranger() {
  try {
    await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: process.env.JOBS, MessageBody: "sneaky" }));
    return "sent";
  } catch (err) {
    return (err as Error).name + ": " + (err as Error).message;
  }
}
`;

let cloud: LocalCloud;
let outputs: Record<string, string>;
const config = () => ({
  region: "us-east-1",
  endpoint: cloud.endpoint,
  credentials: { accessKeyId: "LEARNER", secretAccessKey: "learner" },
});

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "infra.ts"), INFRA);
  fs.writeFileSync(path.join(dir, "src", "handlers.ts"), HANDLERS);
  const port = await freePort();
  const outputsFile = path.join(LOCAL_DIR, "outputs", `${folder}.json`);
  cloud = await startLocalCloud({
    lab: "00-first-function",
    from: "labs",
    folder,
    port,
    outputsFile,
    watch: false,
    onLog: (line) => process.env.DEBUG_CLOUD && console.log(line),
  });
  outputs = JSON.parse(fs.readFileSync(outputsFile, "utf8"));
}, 120_000);

afterAll(async () => {
  await cloud?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const seen = (id: string) =>
  DynamoDBDocumentClient.from(new DynamoDBClient(config()))
    .send(new GetCommand({ TableName: outputs.seen, Key: { id } }))
    .then((r) => r.Item);

async function invoke(name: string, payload: unknown): Promise<unknown> {
  const res = await new LambdaClient(config()).send(
    new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)) }),
  );
  expect(res.FunctionError).toBeUndefined();
  return JSON.parse(Buffer.from(res.Payload ?? []).toString());
}

test("a linked function sends, publishes and puts; subscribers receive what their filters let through", {
  timeout: 60_000,
}, async () => {
  expect(await invoke(outputs.producer ?? "", { id: "o1" })).toEqual({ failed: 0 });
  await until("the queue subscriber to store the job", () => seen("job-o1"));
  await until("the bus rule's function to store the order", () => seen("placed-o1"));

  const sqs = new SQSClient(config());
  const bodies = await until("the SNS subscription's queue to receive", async () => {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: outputs.big, WaitTimeSeconds: 1 }));
    return Messages?.map((m) => JSON.parse(JSON.parse(m.Body ?? "").Message));
  });
  expect(bodies).toEqual([{ id: "o1", size: "big" }]);
});

test("a message its consumer keeps failing moves to the DLQ after maxReceiveCount", { timeout: 60_000 }, async () => {
  const sqs = new SQSClient(config());
  await sqs.send(new SendMessageCommand({ QueueUrl: outputs.jobs, MessageBody: "poison-1" }));
  const dead = await until(
    "the poison message in the DLQ",
    async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: outputs.dlq, WaitTimeSeconds: 1, MessageSystemAttributeNames: ["All"] }),
      );
      return Messages?.[0];
    },
    30_000,
  );
  expect(dead.Body).toBe("poison-1");
  expect(Number(dead.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(1);
});

test("a function not linked to the queue is denied, in SQS's words", { timeout: 30_000 }, async () => {
  const answer = await invoke(outputs.stranger ?? "", {});
  expect(answer).toMatch(/^AccessDenied: .*is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:/);
});
