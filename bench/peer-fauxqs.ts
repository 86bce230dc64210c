// The same SQS workload against our SQS and a peer that runs here, fauxqs
// (bench/package.json), both on 127.0.0.1: 8 senders with SendMessageBatch,
// 5 consumers with ReceiveMessage (10 at a time) and DeleteMessageBatch, all
// through SDK v3 over HTTP — what a mapping does, driven from outside, so the
// two are compared on the protocol alone.
//
//   node bench/peer-fauxqs.ts
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { SqsService } from "../course/cloud/sqs/index.ts";
import { bareEdge } from "./bare-edge.ts";
import { benchTool, errorText, heading, missing, type Row, table } from "./stats.ts";

const MESSAGES = 10_000;
const SENDERS = 8;
const CONSUMERS = 5;

interface Outcome {
  perSecond: number;
  /** messages per non-empty ReceiveMessage: long polls that return early carry fewer */
  perReceive: number;
}

async function workload(endpoint: string): Promise<Outcome> {
  const client = new SQSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  try {
    const { QueueUrl = "" } = await client.send(new CreateQueueCommand({ QueueName: `bench-${Date.now()}` }));
    let sent = 0;
    let consumed = 0;
    let receives = 0;
    const start = performance.now();
    const sender = async () => {
      while (sent < MESSAGES) {
        const size = Math.min(10, MESSAGES - sent);
        sent += size;
        const Entries = Array.from({ length: size }, (_, i) => ({ Id: `m${i}`, MessageBody: `{"n":${sent + i}}` }));
        await client.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
      }
    };
    const consumer = async () => {
      while (consumed < MESSAGES) {
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        if (Messages.length === 0) continue;
        receives += 1;
        const Entries = Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle ?? "" }));
        await client.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }));
        consumed += Messages.length;
      }
    };
    await Promise.all([...Array.from({ length: SENDERS }, sender), ...Array.from({ length: CONSUMERS }, consumer)]);
    return { perSecond: MESSAGES / ((performance.now() - start) / 1000), perReceive: consumed / receives };
  } finally {
    client.destroy();
  }
}

async function ours(): Promise<Outcome> {
  const { edge, service: sqs } = await bareEdge((edgeUrl) => new SqsService({ queues: [], edgeUrl }));
  try {
    return await workload(edge.url);
  } finally {
    await sqs.close();
    await edge.close();
  }
}

async function peer(): Promise<Outcome> {
  const { startFauxqs } = await benchTool("fauxqs");
  // fauxqs's own default host is 0.0.0.0: bind it to loopback.
  const server = await startFauxqs({ port: 0, host: "127.0.0.1", logger: false });
  try {
    return await workload(`http://127.0.0.1:${server.port}`);
  } finally {
    await server.stop?.();
  }
}

export async function run(): Promise<Row[]> {
  heading(
    `SQS send + receive + delete over HTTP, ours and fauxqs (${MESSAGES} messages, ${SENDERS} senders, ${CONSUMERS} consumers)`,
  );
  try {
    const mine = await ours();
    const theirs = await peer();
    const ratio = (mine.perSecond / theirs.perSecond).toFixed(2);
    console.log(
      table([
        ["emulator", "messages/s", "messages per receive"],
        ["ours (course/cloud/sqs)", mine.perSecond.toFixed(0), mine.perReceive.toFixed(1)],
        ["fauxqs 2.4.1", theirs.perSecond.toFixed(0), theirs.perReceive.toFixed(1)],
        ["ours / fauxqs", ratio, ""],
      ]),
    );
    return [
      {
        name: "SQS send+receive+delete, ours vs fauxqs",
        value: `${mine.perSecond.toFixed(0)} vs ${theirs.perSecond.toFixed(0)} messages/s`,
        note: `ours/peer ${ratio}`,
      },
    ];
  } catch (err) {
    console.log(`could not measure: ${errorText(err)}`);
    return [missing("SQS send+receive+delete, ours vs fauxqs", undefined, errorText(err))];
  }
}

if (import.meta.main) await run();
