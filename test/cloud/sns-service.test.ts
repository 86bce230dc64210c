// SNS through the SDK v3 client and through plain form posts, on an edge in
// front of SnsService, delivering to a fake Invoker and a fake QueueDelivery.
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from "@aws-sdk/client-sns";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Edge } from "../../course/cloud/edge/server.ts";
import { SnsService } from "../../course/cloud/sns/index.ts";
import type { TopicSpec, TopicSubscriptionSpec } from "../../course/graph/model.ts";
import { deliveryRecorders, rejection, serveOnEdge, signedFor } from "../helpers/messaging-fakes.ts";
import { sdkConfig } from "../helpers/serve-service.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const ARN = "arn:aws:sns:us-east-1:000000000000";
const ordersTopic: TopicSpec = { id: "Orders", name: "orders", arn: `${ARN}:orders`, fifo: false };
const FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:notify";
const QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders-queue";
const RAW_QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders-raw";
const subscription = (id: string, protocol: string, endpoint: string): TopicSubscriptionSpec => ({
  id,
  topicArn: ordersTopic.arn,
  protocol,
  endpoint,
  rawMessageDelivery: false,
  filterPolicyScope: "MessageAttributes",
});
const graphSubscriptions: TopicSubscriptionSpec[] = [
  subscription("ToFunction", "lambda", FUNCTION),
  subscription("ToQueue", "sqs", QUEUE),
  { ...subscription("ToRawQueue", "sqs", RAW_QUEUE), rawMessageDelivery: true },
];

const recorders = deliveryRecorders();
const { invoker, queues, logs } = recorders;
let sns: SnsService;
let edge: Edge;
let client: SNSClient;

beforeAll(async () => {
  sns = new SnsService({
    topics: [ordersTopic],
    subscriptions: graphSubscriptions,
    invoker,
    queues,
    onLog: recorders.onLog,
  });
  edge = await serveOnEdge([sns]);
  client = new SNSClient(sdkConfig(edge.url));
});
afterAll(async () => {
  client.destroy();
  await edge.close();
});
beforeEach(() => recorders.reset());

describe("fan-out", () => {
  it("hands a published message to every subscriber of the topic, after answering", async () => {
    const { MessageId } = await client.send(
      new PublishCommand({
        TopicArn: ordersTopic.arn,
        Subject: "New order",
        Message: '{"orderId":"o-1"}',
        MessageAttributes: { kind: { DataType: "String", StringValue: "order" } },
      }),
    );
    await sns.idle();

    const [event] = invoker.to(FUNCTION) as { Records: { EventSource: string; Sns: Record<string, unknown> }[] }[];
    expect(invoker.calls[0]?.options).toEqual({ type: "Event" });
    expect(event?.Records).toHaveLength(1);
    expect(event?.Records[0]?.EventSource).toBe("aws:sns");
    expect(event?.Records[0]?.Sns).toMatchObject({
      Type: "Notification",
      MessageId,
      TopicArn: ordersTopic.arn,
      Subject: "New order",
      Message: '{"orderId":"o-1"}',
      SignatureVersion: "1",
      MessageAttributes: { kind: { Type: "String", Value: "order" } },
    });
    const sns0 = event?.Records[0]?.Sns ?? {};
    for (const field of ["Timestamp", "Signature", "SigningCertUrl", "UnsubscribeUrl"]) {
      expect(typeof sns0[field]).toBe("string");
    }
    expect(new Date(String(sns0.Timestamp)).toISOString()).toBe(sns0.Timestamp);

    const [wrapped] = queues.to(QUEUE);
    const notification = JSON.parse(wrapped?.body ?? "{}");
    expect(notification).toMatchObject({
      Type: "Notification",
      MessageId,
      TopicArn: ordersTopic.arn,
      Subject: "New order",
      Message: '{"orderId":"o-1"}',
      MessageAttributes: { kind: { Type: "String", Value: "order" } },
    });
    expect(Object.keys(notification)).toEqual(
      expect.arrayContaining(["Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL"]),
    );
    expect(wrapped?.attributes).toBeUndefined();
  });

  it("raw delivery sends the message itself, with its attributes as queue attributes", async () => {
    await client.send(
      new PublishCommand({
        TopicArn: ordersTopic.arn,
        Message: "plain text",
        MessageAttributes: {
          kind: { DataType: "String", StringValue: "order" },
          total: { DataType: "Number", StringValue: "42.5" },
          blob: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) },
        },
      }),
    );
    await sns.idle();
    const [raw] = queues.to(RAW_QUEUE);
    expect(raw?.body).toBe("plain text");
    expect(raw?.attributes?.kind).toEqual({ DataType: "String", StringValue: "order" });
    expect(raw?.attributes?.total).toEqual({ DataType: "Number", StringValue: "42.5" });
    expect(Buffer.from(raw?.attributes?.blob?.BinaryValue ?? []).toString("hex")).toBe("010203");
    const [event] = invoker.to(FUNCTION) as { Records: { Sns: { Subject: unknown; MessageAttributes: unknown } }[] }[];
    expect(event?.Records[0]?.Sns.Subject).toBeNull();
    expect(event?.Records[0]?.Sns.MessageAttributes).toMatchObject({ blob: { Type: "Binary", Value: "AQID" } });
  });

  it("MessageStructure json gives each protocol its own message", async () => {
    await client.send(
      new PublishCommand({
        TopicArn: ordersTopic.arn,
        MessageStructure: "json",
        Message: JSON.stringify({ default: "for everyone", lambda: "for functions" }),
      }),
    );
    await sns.idle();
    const [event] = invoker.to(FUNCTION) as { Records: { Sns: { Message: string } }[] }[];
    expect(event?.Records[0]?.Sns.Message).toBe("for functions");
    expect(queues.to(RAW_QUEUE)[0]?.body).toBe("for everyone");
  });

  it("a failed delivery is a log line, not a failed Publish", async () => {
    queues.missing.add(QUEUE);
    try {
      const { MessageId } = await client.send(new PublishCommand({ TopicArn: ordersTopic.arn, Message: "hello" }));
      await sns.idle();
      expect(MessageId).toBeTruthy();
      expect(logs.join("\n")).toContain(`${MessageId} from topic orders to ${QUEUE} failed`);
      expect(invoker.to(FUNCTION)).toHaveLength(1);
    } finally {
      queues.missing.delete(QUEUE);
    }
  });

  it("PublishBatch answers per entry and delivers the ones it accepts", async () => {
    const result = await client.send(
      new PublishBatchCommand({
        TopicArn: ordersTopic.arn,
        PublishBatchRequestEntries: [
          { Id: "first", Message: "one" },
          { Id: "empty", Message: "" },
          {
            Id: "badNumber",
            Message: "three",
            MessageAttributes: { total: { DataType: "Number", StringValue: "lots" } },
          },
          { Id: "last", Message: "four" },
        ],
      }),
    );
    await sns.idle();
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(["first", "last"]);
    expect(result.Successful?.every((entry) => typeof entry.MessageId === "string")).toBe(true);
    expect(result.Failed).toEqual([
      { Id: "empty", Code: "InvalidParameter", Message: "Invalid parameter: Empty message", SenderFault: true },
      {
        Id: "badNumber",
        Code: "ParameterValueInvalid",
        Message: "Could not cast message attribute 'total' value to number.",
        SenderFault: true,
      },
    ]);
    expect(queues.to(RAW_QUEUE).map((message) => message.body)).toEqual(["one", "four"]);
  });

  it("PublishBatch refuses a batch as a whole when it is empty, too long or has repeated ids", async () => {
    const send = (entries: { Id: string; Message: string }[]) =>
      rejection(
        client.send(new PublishBatchCommand({ TopicArn: ordersTopic.arn, PublishBatchRequestEntries: entries })),
      );
    expect((await send([])).name).toBe("EmptyBatchRequestException");
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, Message: "x" }));
    expect((await send(eleven)).name).toBe("TooManyEntriesInBatchRequestException");
    expect(
      (
        await send([
          { Id: "a", Message: "x" },
          { Id: "a", Message: "y" },
        ])
      ).name,
    ).toBe("BatchEntryIdsNotDistinctException");
    expect((await send([{ Id: "not ok!", Message: "x" }])).name).toBe("InvalidBatchEntryIdException");
    const halves = [
      { Id: "a", Message: "x".repeat(150_000) },
      { Id: "b", Message: "y".repeat(150_000) },
    ];
    expect((await send(halves)).name).toBe("BatchRequestTooLongException");
  });
});

describe("filter policies on subscriptions", () => {
  it("deliver only what the attribute policy accepts, and follow SetSubscriptionAttributes", async () => {
    const queue = "arn:aws:sqs:us-east-1:000000000000:big-orders";
    const { SubscriptionArn } = await client.send(
      new SubscribeCommand({
        TopicArn: ordersTopic.arn,
        Protocol: "sqs",
        Endpoint: queue,
        Attributes: { RawMessageDelivery: "true", FilterPolicy: '{"total": [{"numeric": [">=", 100]}]}' },
        ReturnSubscriptionArn: true,
      }),
    );
    const publish = (total: string) =>
      client.send(
        new PublishCommand({
          TopicArn: ordersTopic.arn,
          Message: `total ${total}`,
          MessageAttributes: { total: { DataType: "Number", StringValue: total } },
        }),
      );
    await publish("99");
    await publish("150");
    await sns.idle();
    expect(queues.to(queue).map((message) => message.body)).toEqual(["total 150"]);

    await client.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: "FilterPolicy",
        AttributeValue: '{"total": [{"numeric": ["<", 100]}]}',
      }),
    );
    await publish("20");
    await sns.idle();
    expect(queues.to(queue).map((message) => message.body)).toEqual(["total 150", "total 20"]);
    await client.send(new UnsubscribeCommand({ SubscriptionArn }));
  });

  it("a body policy looks into the JSON message", async () => {
    const queue = "arn:aws:sqs:us-east-1:000000000000:eu-orders";
    const { SubscriptionArn } = await client.send(
      new SubscribeCommand({
        TopicArn: ordersTopic.arn,
        Protocol: "sqs",
        Endpoint: queue,
        Attributes: {
          RawMessageDelivery: "true",
          FilterPolicyScope: "MessageBody",
          FilterPolicy: '{"customer": {"region": [{"prefix": "eu-"}]}}',
        },
        ReturnSubscriptionArn: true,
      }),
    );
    for (const region of ["eu-west-1", "us-east-1"]) {
      await client.send(
        new PublishCommand({ TopicArn: ordersTopic.arn, Message: JSON.stringify({ customer: { region } }) }),
      );
    }
    await sns.idle();
    expect(queues.to(queue).map((message) => JSON.parse(message.body).customer.region)).toEqual(["eu-west-1"]);
    const { Attributes } = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    expect(Attributes).toMatchObject({
      FilterPolicyScope: "MessageBody",
      RawMessageDelivery: "true",
      Protocol: "sqs",
      Endpoint: queue,
      TopicArn: ordersTopic.arn,
      PendingConfirmation: "false",
    });
    await client.send(new UnsubscribeCommand({ SubscriptionArn }));
  });

  it("refuses an invalid filter policy with InvalidParameter in SNS's words", async () => {
    const subscribe = (policy: string, scope = "MessageAttributes") =>
      rejection(
        client.send(
          new SubscribeCommand({
            TopicArn: ordersTopic.arn,
            Protocol: "sqs",
            Endpoint: QUEUE,
            Attributes: { FilterPolicy: policy, FilterPolicyScope: scope },
          }),
        ),
      );
    expect(await subscribe('{"a": [{"numeric": [">", "x"]}]}')).toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Attributes Reason: FilterPolicy: Value of > must be numeric",
    });
    expect((await subscribe('{"a": {"b": ["c"]}}')).message).toBe(
      "Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter policy",
    );
    expect((await subscribe('{"a": ["b"]}', "Everything")).message).toBe(
      "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [Everything]. Please use either MessageBody or MessageAttributes",
    );

    const { Subscriptions } = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn: ordersTopic.arn }));
    const toQueue = Subscriptions?.find((s) => s.Endpoint === QUEUE)?.SubscriptionArn;
    const set = await rejection(
      client.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: toQueue,
          AttributeName: "FilterPolicy",
          AttributeValue: "{oops",
        }),
      ),
    );
    expect(set).toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: FilterPolicy: failed to parse JSON.",
    });
  });
});

describe("FIFO topics", () => {
  it("need a MessageGroupId and pass group and deduplication ids to FIFO queues", async () => {
    const { TopicArn } = await client.send(
      new CreateTopicCommand({
        Name: "payments.fifo",
        Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" },
      }),
    );
    const queue = "arn:aws:sqs:us-east-1:000000000000:payments.fifo";
    const standardQueue = "arn:aws:sqs:us-east-1:000000000000:payments-audit";
    await client.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue }));
    await client.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: standardQueue }));

    const missingGroup = await rejection(client.send(new PublishCommand({ TopicArn, Message: "pay" })));
    expect(missingGroup).toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
    });

    const first = await client.send(new PublishCommand({ TopicArn, Message: "pay 1", MessageGroupId: "customer-1" }));
    const second = await client.send(
      new PublishCommand({ TopicArn, Message: "pay 2", MessageGroupId: "customer-1", MessageDeduplicationId: "d-2" }),
    );
    await sns.idle();
    expect(BigInt(second.SequenceNumber ?? "0")).toBeGreaterThan(BigInt(first.SequenceNumber ?? "0"));
    const [one, two] = queues.to(queue);
    expect(one?.groupId).toBe("customer-1");
    expect(one?.deduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(two?.deduplicationId).toBe("d-2");
    expect(JSON.parse(two?.body ?? "{}")).toMatchObject({ Message: "pay 2", SequenceNumber: second.SequenceNumber });
    expect(queues.to(standardQueue).map((message) => [message.groupId, message.deduplicationId])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it("refuse a deduplication id without content-based deduplication, and FIFO queues on standard topics", async () => {
    const { TopicArn } = await client.send(
      new CreateTopicCommand({ Name: "refunds.fifo", Attributes: { FifoTopic: "true" } }),
    );
    expect(
      (await rejection(client.send(new PublishCommand({ TopicArn, Message: "x", MessageGroupId: "g" })))).message,
    ).toBe(
      "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
    const fifoQueueOnStandard = await rejection(
      client.send(
        new SubscribeCommand({
          TopicArn: ordersTopic.arn,
          Protocol: "sqs",
          Endpoint: "arn:aws:sqs:us-east-1:000000000000:q.fifo",
        }),
      ),
    );
    expect(fifoQueueOnStandard.name).toBe("InvalidParameterException");
  });
});

describe("control plane", () => {
  it("CreateTopic is idempotent; topics list, describe, change and go", async () => {
    const first = await client.send(new CreateTopicCommand({ Name: "invoices" }));
    const again = await client.send(new CreateTopicCommand({ Name: "invoices" }));
    expect(first.TopicArn).toBe(`${ARN}:invoices`);
    expect(again.TopicArn).toBe(first.TopicArn);

    const { Topics } = await client.send(new ListTopicsCommand({}));
    expect(Topics?.map((topic) => topic.TopicArn)).toEqual(expect.arrayContaining([ordersTopic.arn, first.TopicArn]));

    await client.send(
      new SetTopicAttributesCommand({
        TopicArn: first.TopicArn,
        AttributeName: "DisplayName",
        AttributeValue: "Invoices",
      }),
    );
    const { Attributes } = await client.send(new GetTopicAttributesCommand({ TopicArn: first.TopicArn }));
    expect(Attributes).toMatchObject({ TopicArn: first.TopicArn, DisplayName: "Invoices", Owner: "000000000000" });
    expect(JSON.parse(Attributes?.Policy ?? "{}").Statement[0].Resource).toBe(first.TopicArn);

    const different = await rejection(
      client.send(new CreateTopicCommand({ Name: "invoices", Attributes: { DisplayName: "Other" } })),
    );
    expect(different.message).toBe(
      "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
    );

    await client.send(new DeleteTopicCommand({ TopicArn: first.TopicArn }));
    await client.send(new DeleteTopicCommand({ TopicArn: first.TopicArn }));
    expect((await rejection(client.send(new GetTopicAttributesCommand({ TopicArn: first.TopicArn })))).name).toBe(
      "NotFoundException",
    );
  });

  it("Subscribe returns the same ARN for the same endpoint; subscriptions list and go", async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: "shipments" }));
    const input = { TopicArn, Protocol: "lambda", Endpoint: FUNCTION };
    const first = await client.send(new SubscribeCommand(input));
    const second = await client.send(new SubscribeCommand(input));
    expect(first.SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    expect(second.SubscriptionArn).toBe(first.SubscriptionArn);

    const all = await client.send(new ListSubscriptionsCommand({}));
    expect(all.Subscriptions).toContainEqual({
      SubscriptionArn: first.SubscriptionArn,
      Owner: "000000000000",
      Protocol: "lambda",
      Endpoint: FUNCTION,
      TopicArn,
    });
    await client.send(new UnsubscribeCommand({ SubscriptionArn: first.SubscriptionArn }));
    const byTopic = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(byTopic.Subscriptions).toEqual([]);
    expect(
      (await rejection(client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: first.SubscriptionArn }))))
        .name,
    ).toBe("NotFoundException");
  });

  it("graph subscriptions keep their ARNs when the graph is served again, and API topics stay", async () => {
    await client.send(new CreateTopicCommand({ Name: "kept-by-api" }));
    const before = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn: ordersTopic.arn }));
    sns.update([ordersTopic], graphSubscriptions);
    const after = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn: ordersTopic.arn }));
    const graphArns = (list: typeof before) =>
      list.Subscriptions?.filter((s) => [FUNCTION, QUEUE, RAW_QUEUE].includes(s.Endpoint ?? "")).map(
        (s) => s.SubscriptionArn,
      );
    expect(graphArns(after)).toEqual(graphArns(before));
    const { Topics } = await client.send(new ListTopicsCommand({}));
    expect(Topics?.map((topic) => topic.TopicArn)).toContain(`${ARN}:kept-by-api`);
  });

  it("answers bad input with AWS's error codes", async () => {
    const unknownTopic = await rejection(
      client.send(new PublishCommand({ TopicArn: `${ARN}:nope`, Message: "hello" })),
    );
    expect(unknownTopic).toMatchObject({ name: "NotFoundException", message: "Topic does not exist", status: 404 });

    const tooLong = await rejection(
      client.send(
        new PublishCommand({
          TopicArn: ordersTopic.arn,
          Message: "x".repeat(262_100),
          MessageAttributes: { note: { DataType: "String", StringValue: "y".repeat(100) } },
        }),
      ),
    );
    expect(tooLong).toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Message too long",
    });
    const exactlyAtLimit = "x".repeat(262_144 - "note".length - "String".length - 10);
    await client.send(
      new PublishCommand({
        TopicArn: ordersTopic.arn,
        Message: exactlyAtLimit,
        MessageAttributes: { note: { DataType: "String", StringValue: "y".repeat(10) } },
      }),
    );

    const badName = await rejection(client.send(new CreateTopicCommand({ Name: "has spaces" })));
    expect(badName).toMatchObject({ name: "InvalidParameterException", message: "Invalid parameter: Topic Name" });
    const badProtocol = await rejection(
      client.send(new SubscribeCommand({ TopicArn: ordersTopic.arn, Protocol: "carrier-pigeon", Endpoint: "x" })),
    );
    expect(badProtocol.message).toBe(
      "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon",
    );
    const badType = await rejection(
      client.send(
        new PublishCommand({
          TopicArn: ordersTopic.arn,
          Message: "x",
          MessageAttributes: { a: { DataType: "Date", StringValue: "today" } },
        }),
      ),
    );
    expect(badType.name).toBe("InvalidParameterValueException");
    const rawToLambda = await rejection(
      client.send(
        new SubscribeCommand({
          TopicArn: ordersTopic.arn,
          Protocol: "lambda",
          Endpoint: FUNCTION,
          Attributes: { RawMessageDelivery: "true" },
        }),
      ),
    );
    expect(rawToLambda.message).toBe(
      "Invalid parameter: Attributes Reason: Delivery protocol [lambda] does not support raw message delivery.",
    );
  });
});

describe("the query protocol, as the CLI speaks it", () => {
  const post = (form: Record<string, string>) =>
    fetch(edge.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", ...signedFor("sns") },
      body: new URLSearchParams({ Version: "2010-03-31", ...form }),
    });

  it("answers form posts in XML", async () => {
    const created = await post({ Action: "CreateTopic", Name: "cli-topic" });
    expect(created.status).toBe(200);
    expect(created.headers.get("content-type")).toBe("text/xml");
    const xml = await created.text();
    expect(xml).toMatch(
      /^<CreateTopicResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><CreateTopicResult><TopicArn>arn:aws:sns:us-east-1:000000000000:cli-topic<\/TopicArn><\/CreateTopicResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/CreateTopicResponse>$/,
    );

    const published = await post({
      Action: "Publish",
      TopicArn: ordersTopic.arn,
      Message: "from the CLI",
      "MessageAttributes.entry.1.Name": "source",
      "MessageAttributes.entry.1.Value.DataType": "String",
      "MessageAttributes.entry.1.Value.StringValue": "cli",
    });
    expect(await published.text()).toMatch(/<PublishResult><MessageId>[0-9a-f-]{36}<\/MessageId><\/PublishResult>/);
    await sns.idle();
    expect(queues.to(RAW_QUEUE)[0]).toMatchObject({
      body: "from the CLI",
      attributes: { source: { DataType: "String", StringValue: "cli" } },
    });

    const attributes = await post({ Action: "GetTopicAttributes", TopicArn: ordersTopic.arn });
    expect(await attributes.text()).toContain(`<entry><key>TopicArn</key><value>${ordersTopic.arn}</value></entry>`);
  });

  it("answers errors as an ErrorResponse", async () => {
    const missing = await post({ Action: "GetTopicAttributes", TopicArn: `${ARN}:missing` });
    expect(missing.status).toBe(404);
    const xml = await missing.text();
    expect(xml).toContain(
      "<Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>",
    );
    const unknown = await post({ Action: "ConfirmEverything" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("<Code>InvalidAction</Code>");
  });
});
