// SQS's refusals through SDK v3, with the codes and error classes AWS gives.
import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSServiceException,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, type SqsEdge, startSqsEdge } from "./sqs-edge.ts";

let sqs: SqsEdge;
let url: string;
let fifoUrl: string;

beforeAll(async () => {
  sqs = await startSqsEdge();
  url = (await sqs.client.send(new CreateQueueCommand({ QueueName: "checked" }))).QueueUrl!;
  fifoUrl = (
    await sqs.client.send(new CreateQueueCommand({ QueueName: "checked.fifo", Attributes: { FifoQueue: "true" } }))
  ).QueueUrl!;
});
afterAll(() => sqs.close());

const send = (input: Partial<ConstructorParameters<typeof SendMessageCommand>[0]>) =>
  sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "x", ...input }));

async function failure(call: Promise<unknown>): Promise<SQSServiceException> {
  try {
    await call;
  } catch (error) {
    return error as SQSServiceException;
  }
  throw new Error("expected the call to fail");
}

describe("messages SQS refuses", () => {
  it("a body longer than MaximumMessageSize", async () => {
    const error = await failure(send({ MessageBody: "a".repeat(262_145) }));
    expect(error.name).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      "One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.",
    );
    await expect(send({ MessageBody: "a".repeat(262_144) })).resolves.toHaveProperty("MessageId");
  });

  it("characters outside the allowed Unicode set", async () => {
    expect(await errorOf(send({ MessageBody: "bell \u0007" }))).toBe("InvalidMessageContents");
    expect(await errorOf(send({ MessageBody: "lone \uD800 surrogate" }))).toBe("InvalidMessageContents");
  });

  it("malformed message attributes", async () => {
    const string = { DataType: "String", StringValue: "v" };
    expect(await errorOf(send({ MessageAttributes: { "": string } }))).toBe("InvalidParameterValue");
    expect(await errorOf(send({ MessageAttributes: { a: { DataType: "Text", StringValue: "v" } } }))).toBe(
      "InvalidParameterValue",
    );
    expect(await errorOf(send({ MessageAttributes: { "AWS.reserved": string } }))).toBe("InvalidParameterValue");
    expect(await errorOf(send({ MessageAttributes: { n: { DataType: "Number", StringValue: "ten" } } }))).toBe(
      "InvalidParameterValue",
    );
    expect(await errorOf(send({ MessageAttributes: { s: { DataType: "String" } } }))).toBe("InvalidParameterValue");
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, string]));
    const tooMany = await failure(send({ MessageAttributes: eleven }));
    expect(tooMany.name).toBe("InvalidParameterValue");
    expect(tooMany.message).toContain("[11]");
  });

  it("a delay beyond 15 minutes", async () => {
    expect(await errorOf(send({ DelaySeconds: 901 }))).toBe("InvalidParameterValue");
  });

  it("FIFO messages without a group, with their own delay, or without a deduplication id", async () => {
    expect(await errorOf(send({ QueueUrl: fifoUrl, MessageDeduplicationId: "d" }))).toBe("MissingParameter");
    const delayed = send({ QueueUrl: fifoUrl, MessageGroupId: "g", MessageDeduplicationId: "d", DelaySeconds: 5 });
    expect(await errorOf(delayed)).toBe("InvalidParameterValue");
    expect(await errorOf(send({ QueueUrl: fifoUrl, MessageGroupId: "g" }))).toBe("InvalidParameterValue");
    expect(await errorOf(send({ MessageDeduplicationId: "d" }))).toBe("InvalidParameterValue");
  });
});

describe("queues and receipts SQS does not know", () => {
  it("a queue that does not exist is QueueDoesNotExist", async () => {
    const error = await failure(send({ QueueUrl: `${sqs.edge.url}/000000000000/nowhere` }));
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("a receipt handle SQS never gave is ReceiptHandleIsInvalid", async () => {
    const deleting = sqs.client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: "not-a-handle" }));
    expect(await errorOf(deleting)).toBe("ReceiptHandleIsInvalid");
  });

  it("receive parameters out of range", async () => {
    const receive = (input: Partial<ConstructorParameters<typeof ReceiveMessageCommand>[0]>) =>
      sqs.client.send(new ReceiveMessageCommand({ QueueUrl: url, ...input }));
    expect(await errorOf(receive({ MaxNumberOfMessages: 11 }))).toBe("InvalidParameterValue");
    expect(await errorOf(receive({ WaitTimeSeconds: 21 }))).toBe("InvalidParameterValue");
  });
});

describe("batches", () => {
  const entry = (Id: string, MessageBody = "m") => ({ Id, MessageBody });
  const sendBatch = (Entries: { Id: string; MessageBody: string }[]) =>
    sqs.client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries }));

  it("refuses duplicate ids, more than ten entries, none, and malformed ids", async () => {
    expect(await errorOf(sendBatch([entry("a"), entry("a")]))).toBe("BatchEntryIdsNotDistinct");
    const eleven = Array.from({ length: 11 }, (_, i) => entry(`e${i}`));
    expect(await errorOf(sendBatch(eleven))).toBe("TooManyEntriesInBatchRequest");
    expect(await errorOf(sendBatch([]))).toBe("EmptyBatchRequest");
    expect(await errorOf(sendBatch([entry("not ok")]))).toBe("InvalidBatchEntryId");
  });

  it("refuses a batch larger than the queue's MaximumMessageSize in total", async () => {
    const big = "b".repeat(100_000);
    expect(await errorOf(sendBatch([entry("a", big), entry("b", big), entry("c", big)]))).toBe("BatchRequestTooLong");
  });

  it("answers each entry on its own", async () => {
    const result = await sendBatch([entry("good"), entry("bad", "\u0000"), entry("also-good")]);
    expect(result.Successful?.map((e) => e.Id)).toEqual(["good", "also-good"]);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: "bad", SenderFault: true, Code: "InvalidMessageContents" }),
    ]);

    const received = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const handles = received.Messages?.map((m) => m.ReceiptHandle!) ?? [];
    const changed = await sqs.client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "ok", ReceiptHandle: handles[0], VisibilityTimeout: 60 },
          { Id: "broken", ReceiptHandle: "garbage", VisibilityTimeout: 60 },
        ],
      }),
    );
    expect(changed.Successful?.map((e) => e.Id)).toEqual(["ok"]);
    expect(changed.Failed?.[0]).toMatchObject({ Id: "broken", Code: "ReceiptHandleIsInvalid" });

    const deleted = await sqs.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          ...handles.map((ReceiptHandle, i) => ({ Id: `m${i}`, ReceiptHandle })),
          { Id: "x", ReceiptHandle: "?" },
        ],
      }),
    );
    expect(deleted.Successful).toHaveLength(handles.length);
    expect(deleted.Failed?.map((e) => e.Code)).toEqual(["ReceiptHandleIsInvalid"]);
  });
});
