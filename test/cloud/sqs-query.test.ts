// The query protocol of older SDKs and CLIs, with plain form posts:
// Action=… parameters in, XML out, errors as an ErrorResponse.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LEARNER_KEY, type SqsEdge, startSqsEdge } from "./sqs-edge.ts";

let sqs: SqsEdge;

beforeAll(async () => {
  sqs = await startSqsEdge();
});
afterAll(() => sqs.close());

const authorization = `AWS4-HMAC-SHA256 Credential=${LEARNER_KEY}/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0`;

async function post(params: Record<string, string>, path = "/"): Promise<{ status: number; xml: string }> {
  const response = await fetch(`${sqs.edge.url}${path}`, {
    method: "POST",
    headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ Version: "2012-11-05", ...params }),
  });
  return { status: response.status, xml: await response.text() };
}

const textOf = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
const textsOf = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, "g"))].map((match) => match[1]);

it("creates a queue and answers in SQS's namespace", async () => {
  const { status, xml } = await post({
    Action: "CreateQueue",
    QueueName: "legacy",
    "Attribute.1.Name": "VisibilityTimeout",
    "Attribute.1.Value": "20",
    "Tag.1.Key": "team",
    "Tag.1.Value": "shop",
  });
  expect(status).toBe(200);
  expect(xml).toContain('<CreateQueueResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">');
  expect(textOf(xml, "QueueUrl")).toBe(`${sqs.edge.url}/000000000000/legacy`);
  expect(textOf(xml, "RequestId")).toMatch(/^[0-9a-f-]{36}$/);

  const tags = await post({ Action: "ListQueueTags", QueueUrl: `${sqs.edge.url}/000000000000/legacy` });
  expect(tags.xml).toContain("<Tag><Key>team</Key><Value>shop</Value></Tag>");
});

it("sends with attributes to the queue's own URL and receives them back, checksums included", async () => {
  const sent = await post(
    {
      Action: "SendMessage",
      MessageBody: '<order id="1"/> & more',
      "MessageAttribute.1.Name": "SellerName",
      "MessageAttribute.1.Value.DataType": "String",
      "MessageAttribute.1.Value.StringValue": "Example Store",
      "MessageAttribute.2.Name": "blob",
      "MessageAttribute.2.Value.DataType": "Binary",
      "MessageAttribute.2.Value.BinaryValue": Buffer.from([1, 2, 3]).toString("base64"),
    },
    "/000000000000/legacy",
  );
  expect(sent.status).toBe(200);
  expect(textOf(sent.xml, "MD5OfMessageBody")).toBe(createHash("md5").update('<order id="1"/> & more').digest("hex"));
  const md5OfAttributes = textOf(sent.xml, "MD5OfMessageAttributes");
  expect(md5OfAttributes).toMatch(/^[0-9a-f]{32}$/);

  const received = await post(
    {
      Action: "ReceiveMessage",
      "AttributeName.1": "All",
      "MessageAttributeName.1": "All",
      MaxNumberOfMessages: "10",
    },
    "/000000000000/legacy",
  );
  expect(received.xml).toContain("<Body>&lt;order id=&quot;1&quot;/&gt; &amp; more</Body>");
  expect(textOf(received.xml, "MessageId")).toBe(textOf(sent.xml, "MessageId"));
  expect(textOf(received.xml, "MD5OfMessageAttributes")).toBe(md5OfAttributes);
  expect(received.xml).toContain("<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>");
  expect(received.xml).toContain(
    "<MessageAttribute><Name>SellerName</Name><Value><DataType>String</DataType><StringValue>Example Store</StringValue></Value></MessageAttribute>",
  );
  expect(textOf(received.xml, "BinaryValue")).toBe("AQID");

  const deleted = await post({
    Action: "DeleteMessage",
    QueueUrl: `${sqs.edge.url}/000000000000/legacy`,
    ReceiptHandle: textOf(received.xml, "ReceiptHandle")!,
  });
  expect(deleted.xml).toContain("<DeleteMessageResponse");
  expect(deleted.xml).not.toContain("<DeleteMessageResult>");
});

it("answers batches entry by entry", async () => {
  const queueUrl = `${sqs.edge.url}/000000000000/legacy`;
  const { xml } = await post({
    Action: "SendMessageBatch",
    QueueUrl: queueUrl,
    "SendMessageBatchRequestEntry.1.Id": "one",
    "SendMessageBatchRequestEntry.1.MessageBody": "first",
    "SendMessageBatchRequestEntry.2.Id": "two",
    "SendMessageBatchRequestEntry.2.MessageBody": "second",
    "SendMessageBatchRequestEntry.2.MessageAttribute.1.Name": "n",
    "SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType": "Number",
    "SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue": "not a number",
  });
  expect(textsOf(xml, "Id")).toEqual(["one", "two"]);
  expect(xml).toContain("<SendMessageBatchResultEntry><Id>one</Id>");
  expect(xml).toMatch(
    /<BatchResultErrorEntry><Id>two<\/Id><SenderFault>true<\/SenderFault><Code>InvalidParameterValue<\/Code>/,
  );

  const attributes = await post({
    Action: "GetQueueAttributes",
    QueueUrl: queueUrl,
    "AttributeName.1": "ApproximateNumberOfMessages",
    "AttributeName.2": "VisibilityTimeout",
  });
  expect(attributes.xml).toContain("<Attribute><Name>ApproximateNumberOfMessages</Name><Value>1</Value></Attribute>");
  expect(attributes.xml).toContain("<Attribute><Name>VisibilityTimeout</Name><Value>20</Value></Attribute>");
});

it("reports errors as an ErrorResponse with the query protocol's codes", async () => {
  const missing = await post({ Action: "SendMessage", MessageBody: "x" }, "/000000000000/nowhere");
  expect(missing.status).toBe(400);
  expect(missing.xml).toContain("<ErrorResponse");
  expect(textOf(missing.xml, "Code")).toBe("AWS.SimpleQueueService.NonExistentQueue");
  expect(textOf(missing.xml, "Type")).toBe("Sender");

  const tooLong = await post({
    Action: "SendMessage",
    QueueUrl: `${sqs.edge.url}/000000000000/legacy`,
    MessageBody: "x".repeat(262_145),
  });
  expect(textOf(tooLong.xml, "Code")).toBe("InvalidParameterValue");

  const unknown = await post({ Action: "Teleport" });
  expect(textOf(unknown.xml, "Code")).toBe("InvalidAction");
});

it("lists queues as flattened QueueUrl elements", async () => {
  await post({ Action: "CreateQueue", QueueName: "legacy-two" });
  const { xml } = await post({ Action: "ListQueues", QueueNamePrefix: "legacy" });
  expect(textsOf(xml, "QueueUrl")).toEqual([
    `${sqs.edge.url}/000000000000/legacy`,
    `${sqs.edge.url}/000000000000/legacy-two`,
  ]);
});
