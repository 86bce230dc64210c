// The control plane through SDK v3: creating queues idempotently, listing,
// attributes, tags, purging and deleting.
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { errorOf, queueSpec, type SqsEdge, startSqsEdge } from "./sqs-edge.ts";

let sqs: SqsEdge;

beforeAll(async () => {
  sqs = await startSqsEdge([queueSpec("graph-queue", { visibilityTimeoutSeconds: 45 })]);
});
afterAll(() => sqs.close());

const create = (QueueName: string, Attributes?: Record<string, string>, tags?: Record<string, string>) =>
  sqs.client.send(new CreateQueueCommand({ QueueName, Attributes, tags }));

it("creates a queue once: the same attributes return it, different ones are QueueAlreadyExists", async () => {
  const { QueueUrl } = await create("idempotent", { VisibilityTimeout: "40" });
  expect(QueueUrl).toBe(`${sqs.edge.url}/000000000000/idempotent`);
  expect((await create("idempotent", { VisibilityTimeout: "40" })).QueueUrl).toBe(QueueUrl);
  expect((await create("idempotent")).QueueUrl).toBe(QueueUrl);
  expect(await errorOf(create("idempotent", { VisibilityTimeout: "41" }))).toBe("QueueNameExists");
  expect(await errorOf(create("bad name!"))).toBe("InvalidParameterValue");
  expect(await errorOf(create("limits", { VisibilityTimeout: "43201" }))).toBe("InvalidAttributeValue");
  expect(await errorOf(create("limits", { Colour: "blue" }))).toBe("InvalidAttributeName");
});

it("finds queues by name and prefix, a page at a time", async () => {
  for (const name of ["list-a", "list-b", "list-c"]) await create(name);
  const { QueueUrl } = await sqs.client.send(new GetQueueUrlCommand({ QueueName: "graph-queue" }));
  expect(QueueUrl).toBe(`${sqs.edge.url}/000000000000/graph-queue`);
  expect(await errorOf(sqs.client.send(new GetQueueUrlCommand({ QueueName: "absent" })))).toBe("QueueDoesNotExist");

  const first = await sqs.client.send(new ListQueuesCommand({ QueueNamePrefix: "list-", MaxResults: 2 }));
  expect(first.QueueUrls?.map((url) => url.split("/").at(-1))).toEqual(["list-a", "list-b"]);
  const second = await sqs.client.send(
    new ListQueuesCommand({ QueueNamePrefix: "list-", MaxResults: 2, NextToken: first.NextToken }),
  );
  expect(second.QueueUrls?.map((url) => url.split("/").at(-1))).toEqual(["list-c"]);
  expect(second.NextToken).toBeUndefined();
});

it("reports and changes attributes, counting messages", async () => {
  const { QueueUrl } = await sqs.client.send(new GetQueueUrlCommand({ QueueName: "graph-queue" }));
  await sqs.client.send(new SendMessageCommand({ QueueUrl, MessageBody: "one" }));
  const all = await sqs.client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
  expect(all.Attributes).toMatchObject({
    QueueArn: "arn:aws:sqs:us-east-1:000000000000:graph-queue",
    VisibilityTimeout: "45",
    MaximumMessageSize: "262144",
    MessageRetentionPeriod: "345600",
    DelaySeconds: "0",
    ReceiveMessageWaitTimeSeconds: "0",
    ApproximateNumberOfMessages: "1",
    ApproximateNumberOfMessagesNotVisible: "0",
    ApproximateNumberOfMessagesDelayed: "0",
  });
  expect(all.Attributes?.FifoQueue).toBeUndefined();

  await sqs.client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: "5" } }));
  const named = await sqs.client.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["DelaySeconds", "QueueArn"] }),
  );
  expect(named.Attributes).toEqual({
    DelaySeconds: "5",
    QueueArn: "arn:aws:sqs:us-east-1:000000000000:graph-queue",
  });
  const redrive = new SetQueueAttributesCommand({
    QueueUrl,
    Attributes: {
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:nope","maxReceiveCount":3}',
    },
  });
  expect(await errorOf(sqs.client.send(redrive))).toBe("InvalidParameterValue");
});

it("tags, untags and lists tags", async () => {
  const { QueueUrl } = await create("tagged", undefined, { team: "shop" });
  await sqs.client.send(new TagQueueCommand({ QueueUrl, Tags: { stage: "dev", owner: "me" } }));
  await sqs.client.send(new UntagQueueCommand({ QueueUrl, TagKeys: ["owner"] }));
  expect((await sqs.client.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ team: "shop", stage: "dev" });
});

it("purges once a minute, and a deleted queue is gone", async () => {
  const { QueueUrl } = await create("short-lived");
  await sqs.client.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" }));
  await sqs.client.send(new PurgeQueueCommand({ QueueUrl }));
  const counts = await sqs.client.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
  );
  expect(counts.Attributes?.ApproximateNumberOfMessages).toBe("0");
  expect(await errorOf(sqs.client.send(new PurgeQueueCommand({ QueueUrl })))).toBe("PurgeQueueInProgress");

  await sqs.client.send(new DeleteQueueCommand({ QueueUrl }));
  expect(await errorOf(sqs.client.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" })))).toBe(
    "QueueDoesNotExist",
  );
  expect(await errorOf(create("short-lived"))).toBe("QueueDeletedRecently");
});
