import { defineLab } from "../../../course/lab-runner/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "04-events",
  title: "Pub/sub and the event bus",
  summary: "Fan out with SNS and route events in real time with EventBridge rules that each service owns.",
  status: "ready",
  minutes: 45,
  goals: [
    "Publish an OrderPlaced event to a bus once the order is a fact, and check that the bus took it",
    "Subscribe a service with a pattern it owns, matching on detail-type and on a number in the detail",
    "Make a consumer idempotent, because the bus delivers at least once",
    "Fan out to a queue per channel with an SNS topic and subscription filter policies",
    "Choose between a queue, a topic and a bus for a given need",
  ],
  chapter: "/chapters/04-events/",
  cost: {
    perDayUsd: 0,
    basis:
      "billed per message, nothing while idle: EventBridge custom events $1.00 per million (per 64 KB chunk; rules and delivery to Lambda included), SNS $0.50 per million publishes after the first million a month (delivery to SQS free), SQS $0.40 per million requests after the first million a month; the bus, its rules, the topic and the two queues cost nothing while no one uses them, and no function polls the queues",
  },
  steps: [
    {
      id: "publish-event",
      title: "Orders puts OrderPlaced on the bus",
      task: "In orders/handler.ts, once the order is paid for and stored, put an OrderPlaced event on the ShopBus: source shop.orders, the order's fields as detail (orders/events.ts). Link the bus to the orders service. Analytics records every event from the shop, so the checker sees what you put.",
      hints: [
        "An event states a fact that already happened. Put it after the order is stored, never before the card is charged: a declined order must not announce itself. Orders does not call its subscribers, nor know who they are.",
        "A function reaches only what it links: add the bus to `link` in orders/infra.ts, then `new PutEventsCommand({ Entries: [{ EventBusName: Resource.ShopBus.name, Source, DetailType, Detail }] })` from @aws-sdk/client-eventbridge.",
        "Detail is a string holding a JSON object: `JSON.stringify(placed)`. PutEvents answers 200 even when it refuses an entry: look at `FailedEntryCount` and throw, or the event is lost without a trace.",
      ],
      docs: "#publishing-an-event",
    },
    {
      id: "loyalty-pattern",
      title: "Loyalty's pattern matches only big OrderPlaced events",
      task: "In loyalty/infra.ts, give the Loyalty subscription a pattern that matches OrderPlaced from shop.orders with totalCents of 5000 or more — nothing smaller, and no other detail-type. The checker tests your rule's pattern against sample events and puts events on the bus.",
      hints: [
        "The subscriber owns its pattern: the bus invokes loyalty only for what the pattern matches, so loyalty's code never sees (nor pays for) the rest. A pattern that names only the source also matches OrderCancelled and every future event of the orders team.",
        'Every field you name must match, and values are exact and case-sensitive: `source: ["shop.orders"], detailType: ["OrderPlaced"]`. Fields inside the event\'s detail go under `detail: { … }`.',
        'Numbers are matched with a numeric filter: `totalCents: [{ numeric: [">=", 5000] }]`. The boundary counts: an order of exactly $50.00 earns points.',
      ],
      docs: "#patterns-the-subscriber-owns",
    },
    {
      id: "idempotent-consumer",
      title: "The same order delivered twice earns points once",
      task: "In loyalty/handler.ts, award an order's points only once, however many times its OrderPlaced arrives. The checker puts the same event again, as a retry would, and then a second order for the same customer.",
      hints: [
        "EventBridge and SNS deliver at least once, and a producer that retries a put sends a second event with a new id. Recognise a duplicate by what it is about — the orderId — not by the event's id.",
        "Reading first and writing after is not enough when two deliveries run at once. Make the write itself conditional, so DynamoDB refuses the second one.",
        'One UpdateCommand can add the points and remember the order: `ADD points :points, awardedOrders :order` with `ConditionExpression: "NOT contains(awardedOrders, :orderId)"`; catch ConditionalCheckFailedException and return without throwing.',
      ],
      docs: "#at-least-once-and-idempotency",
    },
    {
      id: "notify-fanout",
      title: "Each channel's queue gets only its channel's messages",
      task: "The notifications service publishes one message per order to the CustomerNotifications topic, which fans out to EmailQueue and SmsQueue. Make notifications/handler.ts set a `channel` message attribute, and give each queue's subscription in notifications/infra.ts a filter policy, so that an order with a phone number reaches only the SMS queue and every other order only the email queue.",
      hints: [
        "A topic copies every message to every subscription; a subscription's filter policy decides what it lets through. Without one, every queue gets everything.",
        'A filter policy matches message attributes, not the message body, unless its scope says MessageBody. Set `MessageAttributes: { channel: { DataType: "String", StringValue: channel } }` when you publish.',
        '`topic.subscribeQueue("Email", emailQueue.arn, { filter: { channel: ["email"] } })`, and the same for sms. The queue receives the SNS envelope: the message itself is in its `Message` field.',
      ],
      docs: "#fan-out-with-sns",
    },
  ],
  starterPasses: [],
  carried: {
    from: "03-queues",
    files: [
      "inventory/catalog.ts",
      "inventory/handler.ts",
      "inventory/infra.ts",
      "payments/card-processor.ts",
      "payments/handler.ts",
      "payments/infra.ts",
      "shared/health.ts",
      "shared/http.ts",
      "shared/router.ts",
      "shared/service-api.ts",
    ],
  },
});
