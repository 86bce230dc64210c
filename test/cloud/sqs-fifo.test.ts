// FIFO queues through SDK v3: order within a group, a group held while one of
// its messages is in flight, deduplication, sequence numbers.
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { errorOf, type SqsEdge, startSqsEdge } from "./sqs-edge.ts";

let sqs: SqsEdge;

beforeAll(async () => {
  sqs = await startSqsEdge();
});
afterAll(() => sqs.close());

async function fifoQueue(name: string, attributes: Record<string, string> = {}): Promise<string> {
  const Attributes = { FifoQueue: "true", ...attributes };
  return (await sqs.client.send(new CreateQueueCommand({ QueueName: `${name}.fifo`, Attributes }))).QueueUrl!;
}

async function receive(url: string, max = 10): Promise<Message[]> {
  const output = await sqs.client.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: max, MessageSystemAttributeNames: ["All"] }),
  );
  return output.Messages ?? [];
}

const sendAll = (url: string, messages: { group: string; body: string }[]) =>
  sqs.client.send(
    new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: messages.map(({ group, body }, i) => ({
        Id: `m${i}`,
        MessageBody: body,
        MessageGroupId: group,
        MessageDeduplicationId: `${group}-${body}`,
      })),
    }),
  );

it("refuses a FIFO name without FifoQueue, and FifoQueue without the .fifo suffix", async () => {
  expect(await errorOf(sqs.client.send(new CreateQueueCommand({ QueueName: "orders.fifo" })))).toBe(
    "InvalidParameterValue",
  );
  const create = new CreateQueueCommand({ QueueName: "orders", Attributes: { FifoQueue: "true" } });
  expect(await errorOf(sqs.client.send(create))).toBe("InvalidParameterValue");
});

it("returns several messages of a group in order, across groups, and holds a group while it is in flight", async () => {
  const url = await fifoQueue("ordered");
  const sent = await sendAll(url, [
    { group: "a", body: "a1" },
    { group: "b", body: "b1" },
    { group: "a", body: "a2" },
    { group: "a", body: "a3" },
    { group: "b", body: "b2" },
  ]);
  const sequence = sent.Successful!.map((entry) => BigInt(entry.SequenceNumber!));
  expect(sequence).toEqual([...sequence].sort((x, y) => (x < y ? -1 : 1)));

  const first = await receive(url, 2);
  expect(first.map((m) => m.Body)).toEqual(["a1", "b1"]);
  // both groups have a message in flight: nothing else may be received
  expect(await receive(url)).toEqual([]);

  const a1 = first[0]!;
  await sqs.client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: a1.ReceiptHandle }));
  const nextOfA = await receive(url);
  expect(nextOfA.map((m) => m.Body)).toEqual(["a2", "a3"]);
  expect(nextOfA[0]?.Attributes).toMatchObject({ MessageGroupId: "a", MessageDeduplicationId: "a-a2" });

  // a2 made visible again comes back before a3, though a3 is still in flight
  await sqs.client.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: url,
      ReceiptHandle: nextOfA[0]!.ReceiptHandle,
      VisibilityTimeout: 0,
    }),
  );
  expect(await receive(url)).toEqual([]);
});

it("drops a message sent again with the same deduplication id, or the same body when content-based", async () => {
  const url = await fifoQueue("deduplicated", { ContentBasedDeduplication: "true" });
  const send = (body: string, MessageDeduplicationId?: string) =>
    sqs.client.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: "g", MessageDeduplicationId }),
    );
  const original = await send("same");
  const again = await send("same");
  expect(again.MessageId).toBe(original.MessageId);
  expect(again.SequenceNumber).toBe(original.SequenceNumber);
  await send("other", "explicit");
  await send("different body", "explicit");

  const bodies = (await receive(url)).map((m) => m.Body);
  expect(bodies).toEqual(["same", "other"]);
});

it("a FIFO queue's redrive moves messages to a FIFO dead-letter queue", async () => {
  const dlq = await fifoQueue("fifo-dead");
  const url = await fifoQueue("fifo-work", {
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:fifo-dead.fifo",
      maxReceiveCount: 1,
    }),
  });
  await sendAll(url, [{ group: "g", body: "poison" }]);
  const [first] = await receive(url);
  await sqs.client.send(
    new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: first!.ReceiptHandle, VisibilityTimeout: 0 }),
  );
  expect(await receive(url)).toEqual([]);
  const [dead] = await receive(dlq);
  expect(dead?.Body).toBe("poison");
  expect(dead?.Attributes?.MessageGroupId).toBe("g");
});
