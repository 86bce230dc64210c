// Messages through SDK v3 against the edge: attributes and their checksums,
// visibility, receipt handles, long polling, delays, redrive and delivery.
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqsService } from "../../course/cloud/sqs/index.ts";
import { LEARNER_KEY, queueSpec, type SqsEdge, startSqsEdge } from "./sqs-edge.ts";

let sqs: SqsEdge;
let queueUrl: string;

beforeAll(async () => {
  sqs = await startSqsEdge([queueSpec("orders")]);
  queueUrl = `${sqs.edge.url}/000000000000/orders`;
});
afterAll(() => sqs.close());

async function newQueue(name: string, attributes: Record<string, string> = {}): Promise<string> {
  const { QueueUrl } = await sqs.client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return QueueUrl!;
}

const receiveOne = async (url: string, extra: Partial<ConstructorParameters<typeof ReceiveMessageCommand>[0]> = {}) =>
  (await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: url, ...extra }))).Messages?.[0];

describe("attributes and checksums", () => {
  it("computes MD5OfMessageAttributes as AWS documents it", async () => {
    const url = await newQueue("checksums");
    const send = (MessageAttributes: Record<string, { DataType: string; StringValue: string }>) =>
      sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "hello", MessageAttributes }));
    // the worked example of the SQS Developer Guide
    const documented = await send({ SellerName: { DataType: "String", StringValue: "Example Store" } });
    expect(documented.MD5OfMessageAttributes).toBe("cd28f3b68aeee4b2eac9c66f2f694b58");
    // several attributes are digested in name order
    const several = await send({
      ordinal: { DataType: "Number", StringValue: "1" },
      category: { DataType: "String", StringValue: "test" },
    });
    expect(several.MD5OfMessageAttributes).toBe("d21ae90c49061e927f57df5f5d72be1f");
  });

  it("returns String, Number, Binary and custom-typed attributes as sent, with the system attributes asked for", async () => {
    const url = await newQueue("typed");
    const binary = Uint8Array.from([0, 1, 2, 250]);
    const sent = await sqs.client.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: "typed ✓",
        MessageAttributes: {
          name: { DataType: "String", StringValue: "tea" },
          count: { DataType: "Number", StringValue: "-12.5e3" },
          blob: { DataType: "Binary", BinaryValue: binary },
          link: { DataType: "String.url", StringValue: "https://example.com" },
        },
      }),
    );
    const message = await receiveOne(url, { MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"] });
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.Body).toBe("typed ✓");
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message?.MessageAttributes?.count).toEqual({ DataType: "Number", StringValue: "-12.5e3" });
    expect(message?.MessageAttributes?.link).toEqual({ DataType: "String.url", StringValue: "https://example.com" });
    expect(Uint8Array.from(message?.MessageAttributes?.blob?.BinaryValue ?? [])).toEqual(binary);
    expect(message?.Attributes).toMatchObject({ ApproximateReceiveCount: "1", SenderId: LEARNER_KEY });
    expect(Number(message?.Attributes?.SentTimestamp)).toBeLessThanOrEqual(
      Number(message?.Attributes?.ApproximateFirstReceiveTimestamp),
    );
  });

  it("returns only the message attributes named, by name or prefix", async () => {
    const url = await newQueue("selected");
    await sqs.client.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: "x",
        MessageAttributes: {
          "order.id": { DataType: "String", StringValue: "1" },
          "order.total": { DataType: "Number", StringValue: "3" },
          other: { DataType: "String", StringValue: "o" },
        },
      }),
    );
    const message = await receiveOne(url, { MessageAttributeNames: ["order.*"] });
    expect(Object.keys(message?.MessageAttributes ?? {}).sort()).toEqual(["order.id", "order.total"]);
    expect(message?.Attributes).toBeUndefined();
  });
});

describe("visibility and receipt handles", () => {
  it("hides a received message, and a stale receipt handle deletes nothing", async () => {
    const url = await newQueue("visibility");
    await sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "once" }));
    const first = await receiveOne(url);
    expect(await receiveOne(url)).toBeUndefined();

    await sqs.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: first!.ReceiptHandle, VisibilityTimeout: 0 }),
    );
    const second = await receiveOne(url, { MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    expect(second?.MessageId).toBe(first?.MessageId);
    expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    expect(second?.Attributes?.ApproximateReceiveCount).toBe("2");

    await sqs.client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first!.ReceiptHandle }));
    const counts = await sqs.client.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] }),
    );
    expect(counts.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe("1");

    await sqs.client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: second!.ReceiptHandle }));
    const after = await sqs.client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
    expect(after.Attributes?.ApproximateNumberOfMessages).toBe("0");
    expect(after.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe("0");
  });

  it("makes a message visible again when its visibility timeout ends", async () => {
    const url = await newQueue("expiring", { VisibilityTimeout: "1" });
    await sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "again" }));
    const first = await receiveOne(url);
    const again = await receiveOne(url, { WaitTimeSeconds: 5 });
    expect(again?.MessageId).toBe(first?.MessageId);
  });

  it("refuses to change the visibility of a message that is not in flight", async () => {
    const url = await newQueue("not-inflight");
    await sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "x" }));
    const message = await receiveOne(url, { VisibilityTimeout: 0 });
    const change = sqs.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: message!.ReceiptHandle,
        VisibilityTimeout: 5,
      }),
    );
    await expect(change).rejects.toMatchObject({ name: "MessageNotInflight" });
  });
});

describe("waiting", () => {
  it("a long poll returns as soon as a message arrives", async () => {
    const url = await newQueue("long-poll");
    const polling = receiveOne(url, { WaitTimeSeconds: 20 });
    setTimeout(() => void sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "arrived" })), 100);
    expect((await polling)?.Body).toBe("arrived");
  });

  it("ends a pending long poll, empty, when the service closes", async () => {
    const closing = new SqsService({ queues: [queueSpec("closing")], edgeUrl: "http://127.0.0.1:4566" });
    const polling = closing.engine.receive("closing", { max: 1, waitSeconds: 20 });
    await closing.close();
    expect(await polling).toEqual([]);
  });

  it("delays a message by its own DelaySeconds, then delivers it", async () => {
    const url = await newQueue("delayed");
    await sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "later", DelaySeconds: 1 }));
    const counts = await sqs.client.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessagesDelayed"] }),
    );
    expect(counts.Attributes?.ApproximateNumberOfMessagesDelayed).toBe("1");
    expect(await receiveOne(url)).toBeUndefined();
    expect((await receiveOne(url, { WaitTimeSeconds: 5 }))?.Body).toBe("later");
  });

  it("delays every message of a queue with DelaySeconds", async () => {
    const url = await newQueue("queue-delay", { DelaySeconds: "1" });
    await sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "queued" }));
    expect(await receiveOne(url)).toBeUndefined();
    expect((await receiveOne(url, { WaitTimeSeconds: 5 }))?.Body).toBe("queued");
  });
});

describe("dead-letter queues", () => {
  it("moves a message to the dead-letter queue when a receive would exceed maxReceiveCount", async () => {
    const dlqUrl = await newQueue("failed");
    const dlqArn = "arn:aws:sqs:us-east-1:000000000000:failed";
    const url = await newQueue("work", {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: "2" }),
    });
    const { MessageId } = await sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "poison" }));
    expect((await receiveOne(url, { VisibilityTimeout: 0 }))?.MessageId).toBe(MessageId);
    expect((await receiveOne(url, { VisibilityTimeout: 0 }))?.MessageId).toBe(MessageId);
    expect(await receiveOne(url)).toBeUndefined();

    const dead = await receiveOne(dlqUrl, { MessageSystemAttributeNames: ["All"] });
    expect(dead?.MessageId).toBe(MessageId);
    expect(dead?.Body).toBe("poison");
    expect(dead?.Attributes?.DeadLetterQueueSourceArn).toBe("arn:aws:sqs:us-east-1:000000000000:work");

    const attributes = await sqs.client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
    expect(JSON.parse(attributes.Attributes?.RedrivePolicy ?? "{}")).toEqual({
      deadLetterTargetArn: dlqArn,
      maxReceiveCount: 2,
    });
    const sources = await sqs.client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
    expect(sources.queueUrls).toEqual([url]);
  });
});

describe("the graph's queues and deliveries", () => {
  it("creates the graph's queues at start and keeps their messages across an update", async () => {
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "kept" }));
    const problems = sqs.service.update([queueSpec("orders", { visibilityTimeoutSeconds: 60 }), queueSpec("added")]);
    expect(problems).toEqual([]);
    const attributes = await sqs.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["VisibilityTimeout"] }),
    );
    expect(attributes.Attributes?.VisibilityTimeout).toBe("60");
    expect((await receiveOne(queueUrl))?.Body).toBe("kept");
    expect(await receiveOne(`${sqs.edge.url}/000000000000/added`)).toBeUndefined();
  });

  it("takes messages SNS or EventBridge deliver by queue ARN", async () => {
    const url = await newQueue("delivered");
    await sqs.service.deliver("arn:aws:sqs:us-east-1:000000000000:delivered", {
      body: "from a topic",
      attributes: { source: { DataType: "String", StringValue: "sns" } },
    });
    const message = await receiveOne(url, { MessageAttributeNames: ["All"] });
    expect(message?.Body).toBe("from a topic");
    expect(message?.MessageAttributes?.source?.StringValue).toBe("sns");
    await expect(
      sqs.service.deliver("arn:aws:sqs:us-east-1:000000000000:missing", { body: "x" }),
    ).rejects.toMatchObject({ queryCode: "AWS.SimpleQueueService.NonExistentQueue" });
  });
});
