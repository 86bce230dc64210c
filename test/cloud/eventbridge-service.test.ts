// EventBridge through the SDK v3 client on an edge in front of
// EventBridgeService, delivering to a fake Invoker and a fake QueueDelivery.
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Edge } from "../../course/cloud/edge/server.ts";
import { EventBridgeService } from "../../course/cloud/eventbridge/index.ts";
import type { BusSpec, RuleSpec } from "../../course/graph/model.ts";
import { deliveryRecorders, rejection, serveOnEdge } from "../helpers/messaging-fakes.ts";
import { sdkConfig } from "../helpers/serve-service.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const EVENTS = "arn:aws:events:us-east-1:000000000000";
const FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:on-order";
const QUEUE = "arn:aws:sqs:us-east-1:000000000000:order-events";
const shopBus: BusSpec = { id: "Shop", name: "shop", arn: `${EVENTS}:event-bus/shop` };
const placedRule: RuleSpec = {
  id: "OrderPlaced",
  name: "order-placed",
  arn: `${EVENTS}:rule/shop/order-placed`,
  busName: "shop",
  eventPattern: JSON.stringify({ source: ["shop.orders"], "detail-type": ["OrderPlaced"] }),
  enabled: true,
  targets: [
    { id: "function", arn: FUNCTION },
    {
      id: "queue",
      arn: QUEUE,
      inputTransformer: {
        inputPathsMap: { order: "$.detail.orderId", total: "$.detail.total" },
        inputTemplate: '{"order": <order>, "total": <total>, "rule": <aws.events.rule-name>, "note": "order <order>"}',
      },
    },
  ],
};

const recorders = deliveryRecorders();
const { invoker, queues, logs } = recorders;
let events: EventBridgeService;
let edge: Edge;
let client: EventBridgeClient;

beforeAll(async () => {
  events = new EventBridgeService({
    buses: [shopBus],
    rules: [placedRule],
    invoker,
    queues,
    onLog: recorders.onLog,
  });
  edge = await serveOnEdge([events]);
  client = new EventBridgeClient(sdkConfig(edge.url));
});
afterAll(async () => {
  client.destroy();
  await edge.close();
});
beforeEach(() => recorders.reset());

const orderPlaced = (detail: Record<string, unknown>): PutEventsRequestEntry => ({
  EventBusName: "shop",
  Source: "shop.orders",
  DetailType: "OrderPlaced",
  Detail: JSON.stringify(detail),
});

describe("PutEvents", () => {
  it("delivers a matching event to the rule's targets, in EventBridge's event shape", async () => {
    const time = new Date("2026-11-27T10:00:00.000Z");
    const { Entries, FailedEntryCount } = await client.send(
      new PutEventsCommand({
        Entries: [{ ...orderPlaced({ orderId: "o-1", total: 42 }), Time: time, Resources: ["arn:shop:order/o-1"] }],
      }),
    );
    await events.idle();
    expect(FailedEntryCount).toBe(0);
    const eventId = Entries?.[0]?.EventId;
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);

    expect(invoker.calls[0]?.options).toEqual({ type: "Event" });
    expect(invoker.to(FUNCTION)).toEqual([
      {
        version: "0",
        id: eventId,
        "detail-type": "OrderPlaced",
        source: "shop.orders",
        account: "000000000000",
        time: "2026-11-27T10:00:00Z",
        region: "us-east-1",
        resources: ["arn:shop:order/o-1"],
        detail: { orderId: "o-1", total: 42 },
      },
    ]);
    expect(queues.to(QUEUE).map((message) => JSON.parse(message.body))).toEqual([
      { order: "o-1", total: 42, rule: "order-placed", note: "order o-1" },
    ]);
  });

  it("matches rules of the named bus only, and skips disabled rules", async () => {
    await client.send(
      new PutEventsCommand({ Entries: [{ ...orderPlaced({ orderId: "o-2" }), EventBusName: undefined }] }),
    );
    await events.idle();
    expect(invoker.calls).toHaveLength(0);

    await client.send(new DisableRuleCommand({ Name: "order-placed", EventBusName: "shop" }));
    await client.send(new PutEventsCommand({ Entries: [orderPlaced({ orderId: "o-3" })] }));
    await events.idle();
    expect(invoker.calls).toHaveLength(0);

    await client.send(new EnableRuleCommand({ Name: "order-placed", EventBusName: `${EVENTS}:event-bus/shop` }));
    await client.send(new PutEventsCommand({ Entries: [orderPlaced({ orderId: "o-4" })] }));
    await events.idle();
    expect(invoker.calls).toHaveLength(1);
  });

  it("answers per entry: missing Source, DetailType or Detail, and Detail that is not a JSON object", async () => {
    const { Entries, FailedEntryCount } = await client.send(
      new PutEventsCommand({
        Entries: [
          { DetailType: "OrderPlaced", Detail: "{}" },
          { Source: "shop.orders", Detail: "{}" },
          { Source: "shop.orders", DetailType: "OrderPlaced" },
          { Source: "shop.orders", DetailType: "OrderPlaced", Detail: "[1, 2]" },
          { Source: "shop.orders", DetailType: "OrderPlaced", Detail: "{not json" },
          orderPlaced({ orderId: "o-5" }),
        ],
      }),
    );
    await events.idle();
    expect(FailedEntryCount).toBe(5);
    expect(Entries?.slice(0, 5)).toEqual([
      {
        ErrorCode: "InvalidArgument",
        ErrorMessage: "Parameter Source is not valid. Reason: Source is a required argument.",
      },
      {
        ErrorCode: "InvalidArgument",
        ErrorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
      },
      {
        ErrorCode: "InvalidArgument",
        ErrorMessage: "Parameter Detail is not valid. Reason: Detail is a required argument.",
      },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
    ]);
    expect(Entries?.[5]?.EventId).toBeTruthy();
    expect(invoker.calls).toHaveLength(1);
  });

  it("refuses more than ten entries, and entries over 256 KB together", async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => orderPlaced({ orderId: `o-${i}` }));
    const tooMany = await rejection(client.send(new PutEventsCommand({ Entries: eleven })));
    expect(tooMany.name).toBe("ValidationException");
    expect(tooMany.message).toContain("Member must have length less than or equal to 10");

    // Each entry counts Source (11 bytes), DetailType (11) and Detail: {"padding":"…"} is 14 bytes and the padding.
    const big = (size: number) => orderPlaced({ padding: "x".repeat(size) });
    const tooBig = await rejection(client.send(new PutEventsCommand({ Entries: [big(131_037), big(131_037)] })));
    expect(tooBig).toMatchObject({
      name: "ValidationException",
      message: "Total size of the entries in the request is over the limit.",
    });
    const fits = await client.send(new PutEventsCommand({ Entries: [big(131_036), big(131_036)] }));
    expect(fits.FailedEntryCount).toBe(0);
    await events.idle();
  });

  it("accepts an event for a bus that does not exist, delivers it nowhere and says so in the log", async () => {
    const { Entries } = await client.send(
      new PutEventsCommand({ Entries: [{ ...orderPlaced({ orderId: "o-6" }), EventBusName: "nope" }] }),
    );
    expect(Entries?.[0]?.EventId).toBeTruthy();
    expect(logs.join("\n")).toContain("bus nope, which does not exist");
  });

  it("logs a failed delivery without failing the call", async () => {
    invoker.missing.add(FUNCTION);
    try {
      const { FailedEntryCount } = await client.send(
        new PutEventsCommand({ Entries: [orderPlaced({ orderId: "o-7" })] }),
      );
      await events.idle();
      expect(FailedEntryCount).toBe(0);
      expect(logs.join("\n")).toMatch(/by rule order-placed to arn:aws:lambda:.*:on-order failed: Function not found/);
      expect(queues.to(QUEUE)).toHaveLength(1);
    } finally {
      invoker.missing.delete(FUNCTION);
    }
  });
});

describe("targets", () => {
  it("Input and InputPath, and FIFO queues with their MessageGroupId", async () => {
    await client.send(
      new PutRuleCommand({ Name: "refunds", EventPattern: JSON.stringify({ source: [{ prefix: "shop." }] }) }),
    );
    const fifo = "arn:aws:sqs:us-east-1:000000000000:refunds.fifo";
    const put = await client.send(
      new PutTargetsCommand({
        Rule: "refunds",
        Targets: [
          { Id: "constant", Arn: FUNCTION, Input: '{"fixed": true}' },
          { Id: "detailOnly", Arn: QUEUE, InputPath: "$.detail" },
          { Id: "ordered", Arn: fifo, SqsParameters: { MessageGroupId: "refunds" } },
          { Id: "no group", Arn: fifo },
          { Id: "unordered", Arn: fifo },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(2);
    expect(put.FailedEntries?.map((entry) => [entry.TargetId, entry.ErrorCode])).toEqual([
      ["no group", "ValidationException"],
      ["unordered", "ValidationException"],
    ]);
    expect(put.FailedEntries?.[1]?.ErrorMessage).toBe(
      "Parameter(s) SqsParameters must be specified for target: unordered.",
    );

    const { Entries } = await client.send(
      new PutEventsCommand({ Entries: [{ Source: "shop.refunds", DetailType: "Refund", Detail: '{"amount": 5}' }] }),
    );
    await events.idle();
    expect(invoker.to(FUNCTION)).toEqual([{ fixed: true }]);
    expect(queues.to(QUEUE).map((message) => message.body)).toEqual(['{"amount":5}']);
    expect(queues.to(fifo)).toEqual([
      {
        body: expect.stringContaining('"source":"shop.refunds"'),
        groupId: "refunds",
        deduplicationId: Entries?.[0]?.EventId,
      },
    ]);

    const { Targets } = await client.send(new ListTargetsByRuleCommand({ Rule: "refunds" }));
    expect(Targets).toEqual([
      { Id: "constant", Arn: FUNCTION, Input: '{"fixed": true}' },
      { Id: "detailOnly", Arn: QUEUE, InputPath: "$.detail" },
      { Id: "ordered", Arn: fifo, SqsParameters: { MessageGroupId: "refunds" } },
    ]);

    const deleting = await rejection(client.send(new DeleteRuleCommand({ Name: "refunds" })));
    expect(deleting).toMatchObject({
      name: "ValidationException",
      message: "Rule can't be deleted since it has targets.",
    });
    const removed = await client.send(
      new RemoveTargetsCommand({ Rule: "refunds", Ids: ["constant", "detailOnly", "ordered", "ghost"] }),
    );
    expect(removed.FailedEntries).toEqual([
      {
        TargetId: "ghost",
        ErrorCode: "ResourceNotFoundException",
        ErrorMessage: "Rule 'refunds' does not have a target with the Id 'ghost'.",
      },
    ]);
    await client.send(new DeleteRuleCommand({ Name: "refunds" }));
    expect((await rejection(client.send(new DescribeRuleCommand({ Name: "refunds" })))).name).toBe(
      "ResourceNotFoundException",
    );
  });

  it("refuses targets that are not well formed, per entry, and a sixth target per rule", async () => {
    await client.send(new PutRuleCommand({ Name: "audit", EventPattern: '{"source": ["shop.audit"]}' }));
    const put = await client.send(
      new PutTargetsCommand({
        Rule: "audit",
        Targets: [
          { Id: "bad id!", Arn: FUNCTION },
          { Id: "badArn", Arn: "not-an-arn" },
          { Id: "both", Arn: FUNCTION, Input: "{}", InputPath: "$.detail" },
          { Id: "badInput", Arn: FUNCTION, Input: "{nope" },
          { Id: "undefinedVariable", Arn: FUNCTION, InputTransformer: { InputTemplate: '{"a": <missing>}' } },
          {
            Id: "reserved",
            Arn: FUNCTION,
            InputTransformer: { InputPathsMap: { "aws.events.rule-name": "$.id" }, InputTemplate: "{}" },
          },
        ],
      }),
    );
    expect(put.FailedEntries?.map((entry) => entry.TargetId)).toEqual([
      "bad id!",
      "badArn",
      "both",
      "badInput",
      "undefinedVariable",
      "reserved",
    ]);
    expect(put.FailedEntries?.[4]?.ErrorMessage).toBe(
      "InputTemplate for target undefinedVariable contains invalid placeholder missing.",
    );

    const five = Array.from({ length: 5 }, (_, i) => ({ Id: `t${i}`, Arn: FUNCTION }));
    await client.send(new PutTargetsCommand({ Rule: "audit", Targets: five }));
    const sixth = await rejection(
      client.send(new PutTargetsCommand({ Rule: "audit", Targets: [{ Id: "t5", Arn: FUNCTION }] })),
    );
    expect(sixth.name).toBe("LimitExceededException");
    const unknownRule = await rejection(client.send(new PutTargetsCommand({ Rule: "nope", Targets: five })));
    expect(unknownRule).toMatchObject({
      name: "ResourceNotFoundException",
      message: "Rule nope does not exist on EventBus default.",
    });
  });
});

describe("rules and buses", () => {
  it("PutRule refuses a malformed pattern with InvalidEventPatternException in AWS's words", async () => {
    const put = (pattern: string) =>
      rejection(client.send(new PutRuleCommand({ Name: "broken", EventPattern: pattern })));
    expect(await put('{"source": "shop.orders"}')).toMatchObject({
      name: "InvalidEventPatternException",
      message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
    });
    expect((await put('{"detail": {"total": [{"numeric": [">", "ten"]}]}}')).message).toBe(
      "Event pattern is not valid. Reason: Value of > must be numeric",
    );
    expect((await put("{not json")).name).toBe("InvalidEventPatternException");
    const neither = await rejection(client.send(new PutRuleCommand({ Name: "empty" })));
    expect(neither).toMatchObject({
      name: "ValidationException",
      message: "Parameter(s) EventPattern or ScheduleExpression must be specified.",
    });
  });

  it("rules list by bus and prefix, and describe themselves", async () => {
    const pattern = '{"source": ["shop.stock"]}';
    const { RuleArn } = await client.send(
      new PutRuleCommand({
        Name: "stock-low",
        EventBusName: "shop",
        EventPattern: pattern,
        Description: "restock",
        State: "DISABLED",
      }),
    );
    expect(RuleArn).toBe(`${EVENTS}:rule/shop/stock-low`);
    const described = await client.send(new DescribeRuleCommand({ Name: "stock-low", EventBusName: "shop" }));
    expect(described).toMatchObject({
      Name: "stock-low",
      Arn: RuleArn,
      EventPattern: pattern,
      State: "DISABLED",
      Description: "restock",
      EventBusName: "shop",
      CreatedBy: "000000000000",
    });
    const { Rules } = await client.send(new ListRulesCommand({ EventBusName: "shop", NamePrefix: "stock" }));
    expect(Rules?.map((rule) => rule.Name)).toEqual(["stock-low"]);
    const onDefault = await client.send(new ListRulesCommand({ NamePrefix: "stock" }));
    expect(onDefault.Rules).toEqual([]);
    const defaultArn = (await client.send(new PutRuleCommand({ Name: "stock-high", EventPattern: pattern }))).RuleArn;
    expect(defaultArn).toBe(`${EVENTS}:rule/stock-high`);
  });

  it("buses: the default bus always exists; created buses list, describe and go with their rules", async () => {
    const { EventBusArn } = await client.send(new CreateEventBusCommand({ Name: "audit-bus" }));
    expect(EventBusArn).toBe(`${EVENTS}:event-bus/audit-bus`);
    const again = await rejection(client.send(new CreateEventBusCommand({ Name: "audit-bus" })));
    expect(again).toMatchObject({
      name: "ResourceAlreadyExistsException",
      message: "Event bus audit-bus already exists.",
    });
    await client.send(new PutRuleCommand({ Name: "r", EventBusName: "audit-bus", EventPattern: '{"source": ["x"]}' }));

    const { EventBuses } = await client.send(new ListEventBusesCommand({}));
    expect(EventBuses?.map((bus) => bus.Name)).toEqual(expect.arrayContaining(["default", "shop", "audit-bus"]));
    const described = await client.send(new DescribeEventBusCommand({}));
    expect(described).toMatchObject({ Name: "default", Arn: `${EVENTS}:event-bus/default` });
    expect(described.CreationTime).toBeInstanceOf(Date);

    expect(await rejection(client.send(new DeleteEventBusCommand({ Name: "default" })))).toMatchObject({
      name: "ValidationException",
      message: "Cannot delete event bus default.",
    });
    await client.send(new DeleteEventBusCommand({ Name: "audit-bus" }));
    expect(await rejection(client.send(new ListRulesCommand({ EventBusName: "audit-bus" })))).toMatchObject({
      name: "ResourceNotFoundException",
      message: "Event bus audit-bus does not exist.",
    });
  });

  it("a new graph replaces the graph's rules and keeps the API's", async () => {
    await client.send(new PutRuleCommand({ Name: "mine", EventBusName: "shop", EventPattern: '{"source": ["a"]}' }));
    const changed: RuleSpec = { ...placedRule, targets: [{ id: "function", arn: FUNCTION, input: '{"v": 2}' }] };
    events.update([shopBus], [changed]);
    const { Rules } = await client.send(new ListRulesCommand({ EventBusName: "shop" }));
    expect(Rules?.map((rule) => rule.Name)).toEqual(expect.arrayContaining(["order-placed", "mine"]));
    const { Targets } = await client.send(new ListTargetsByRuleCommand({ Rule: "order-placed", EventBusName: "shop" }));
    expect(Targets).toEqual([{ Id: "function", Arn: FUNCTION, Input: '{"v": 2}' }]);

    events.update([], []);
    const gone = await rejection(client.send(new ListRulesCommand({ EventBusName: "shop" })));
    expect(gone.name).toBe("ResourceNotFoundException");
    events.update([shopBus], [placedRule]);
  });

  it("a graph rule with a pattern EventBridge would refuse is logged and not served", () => {
    const broken: RuleSpec = { ...placedRule, name: "broken", eventPattern: '{"source": "x"}' };
    events.update([shopBus], [placedRule, broken]);
    expect(logs.join("\n")).toContain("rule broken on bus shop is not served");
    events.update([shopBus], [placedRule]);
  });
});

describe("TestEventPattern", () => {
  const event = JSON.stringify({
    id: "1",
    account: "000000000000",
    source: "shop.orders",
    time: "2026-11-27T10:00:00Z",
    region: "us-east-1",
    resources: [],
    "detail-type": "OrderPlaced",
    detail: { total: 120 },
  });

  it("answers with the matcher's result and its errors", async () => {
    const test = (EventPattern: string, Event = event) =>
      client.send(new TestEventPatternCommand({ EventPattern, Event }));
    expect((await test('{"detail": {"total": [{"numeric": [">", 100]}]}}')).Result).toBe(true);
    expect((await test('{"source": ["shop.refunds"]}')).Result).toBe(false);
    expect((await rejection(test('{"source": "x"}'))).name).toBe("InvalidEventPatternException");
    expect(await rejection(test('{"source": ["x"]}', "{}"))).toMatchObject({
      name: "ValidationException",
      message: "Parameter Event is not valid.",
    });
  });
});
