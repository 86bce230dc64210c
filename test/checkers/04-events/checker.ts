// Checker for lab 04. It places orders through the front door and, playing
// the bus's other producers and its at-least-once delivery, puts events on the
// bus itself. It sees what the subscribers did in their tables (analytics
// records every event from the shop, so it also tells when the bus has
// delivered), tests the loyalty rule's own pattern with TestEventPattern, and
// reads the two notification queues.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeRuleCommand,
  EventBridgeClient,
  PutEventsCommand,
  TestEventPatternCommand,
} from "@aws-sdk/client-eventbridge";
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expectThat, http, labUnderCheck, sleep, step, waitFor } from "../../../course/checker/lab.ts";

const lab = labUnderCheck();
const api = (path: string) => lab.api(path);
const db = DynamoDBDocumentClient.from(new DynamoDBClient(lab.clientConfig));
const bus = new EventBridgeClient(lab.clientConfig);
const sqs = new SQSClient(lab.clientConfig);

const APPROVED = "4242424242424242";
const DECLINED = "4000000000000002";
const SOURCE = "shop.orders";
/** how long a subscriber may take to see an event; the bus delivers in well under a second */
const DELIVERY_MS = 20_000;
/** after the bus has delivered to analytics, how long to watch for a late effect elsewhere */
const GRACE_MS = 1_500;

const customer = () => `customer-${randomUUID()}@example.com`;

interface OrderDetail {
  orderId: string;
  sku: string;
  quantity: number;
  totalCents: number;
  email: string;
  phone?: string;
}

const anOrder = (totalCents: number, fields: Partial<OrderDetail> = {}): OrderDetail => ({
  orderId: randomUUID(),
  sku: "accelerate",
  quantity: 1,
  totalCents,
  email: customer(),
  ...fields,
});

/** Puts `copies` identical events on the bus, as the orders service (or a retry) would; their event ids. */
async function put(detailType: string, detail: OrderDetail, copies = 1): Promise<string[]> {
  const entry = {
    EventBusName: lab.output("bus"),
    Source: SOURCE,
    DetailType: detailType,
    Detail: JSON.stringify(detail),
  };
  const result = await bus.send(new PutEventsCommand({ Entries: Array.from({ length: copies }, () => entry) }));
  if (result.FailedEntryCount) {
    throw new Error(`the bus refused the checker's event: ${JSON.stringify(result.Entries)}`);
  }
  return (result.Entries ?? []).map((e) => e.EventId ?? "");
}

// ---- what analytics recorded: one item per event it received -------------

interface Recorded {
  eventId: string;
  source: string;
  detailType: string;
  orderId: string;
  detail: Record<string, unknown>;
}

async function scanAnalytics(filter: string, values: Record<string, unknown>): Promise<Recorded[]> {
  const items: Recorded[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: lab.output("analyticsTable"),
        FilterExpression: filter,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((page.Items ?? []) as Recorded[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const recorded = async (eventId: string) =>
  (await db.send(new GetCommand({ TableName: lab.output("analyticsTable"), Key: { eventId } }))).Item;

/** Waits until analytics has recorded every one of `eventIds`: the bus has delivered them to its rules by then. */
async function delivered(eventIds: string[]): Promise<void> {
  const all = await waitFor(DELIVERY_MS, async () =>
    (await Promise.all(eventIds.map(recorded))).every(Boolean) ? true : undefined,
  );
  expectThat(
    all === true,
    "analytics to record the events the checker put on the bus",
    `it had not recorded them after ${DELIVERY_MS / 1000} s: is the Analytics subscription in analytics/infra.ts as shipped?`,
  );
}

// ---- loyalty ----------------------------------------------------------------

const pointsOf = async (email: string): Promise<number> => {
  const { Item } = await db.send(new GetCommand({ TableName: lab.output("loyaltyTable"), Key: { customer: email } }));
  return typeof Item?.points === "number" ? Item.points : 0;
};

/** The customer's points once they reach `expected`, or what they are after DELIVERY_MS. */
async function pointsReaching(email: string, expected: number): Promise<number> {
  const reached = await waitFor(DELIVERY_MS, async () => ((await pointsOf(email)) === expected ? expected : undefined));
  return reached ?? (await pointsOf(email));
}

/** Puts an OrderPlaced for a new customer's big order, and expects loyalty to award its points. */
async function expectAwarded(order: OrderDetail): Promise<void> {
  await put("OrderPlaced", order);
  const expected = Math.floor(order.totalCents / 100);
  const awarded = await pointsReaching(order.email, expected);
  expectThat(
    awarded === expected,
    `loyalty to award ${expected} points for an OrderPlaced of ${order.totalCents} cents put on the bus`,
    awarded === 0 ? `it had awarded none after ${DELIVERY_MS / 1000} s` : `it awarded ${awarded}`,
  );
}

/** The customer's points after watching them for GRACE_MS, in case a late delivery changes them. */
async function pointsSettled(email: string): Promise<number> {
  await sleep(GRACE_MS);
  return pointsOf(email);
}

step(
  "publish-event",
  async () => {
    const stock = await http("PUT", api("/v1/inventory/team-topologies"), { stock: 100 });
    expectThat(stock.status === 200, "PUT /v1/inventory/team-topologies to set the stock", describe(stock));

    const declinedEmail = customer();
    const declined = await http("POST", api("/v1/orders"), {
      sku: "team-topologies",
      quantity: 1,
      email: declinedEmail,
      card: DECLINED,
    });
    expectThat(declined.status === 402, "an order with a declined card to answer 402", describe(declined));

    const email = customer();
    const placed = await http("POST", api("/v1/orders"), {
      sku: "team-topologies",
      quantity: 2,
      email,
      card: APPROVED,
    });
    expectThat(placed.status === 201, "POST /v1/orders to answer 201", describe(placed));
    const orderId = placed.json?.orderId;

    const events = await waitFor(DELIVERY_MS, async () => {
      const found = await scanAnalytics("orderId = :id", { ":id": orderId });
      return found.length > 0 ? found : undefined;
    });
    expectThat(
      events !== undefined,
      "an event about the new order on the ShopBus (analytics records every event whose source starts with shop.)",
      `none arrived within ${DELIVERY_MS / 1000} s of POST /v1/orders answering 201`,
    );
    const event = events[0]!;
    expectThat(
      event.source === SOURCE && event.detailType === "OrderPlaced",
      `the event's source to be "${SOURCE}" and its detail-type "OrderPlaced" (patterns match these strings exactly)`,
      `it has source "${event.source}" and detail-type "${event.detailType}"`,
    );
    const { detail } = event;
    const want = { orderId, sku: "team-topologies", quantity: 2, totalCents: 7000, email };
    const wrong = Object.entries(want).filter(([field, value]) => detail?.[field] !== value);
    expectThat(
      wrong.length === 0,
      "the event's detail to be a JSON object with the order's orderId, sku, quantity, totalCents and email",
      `its ${wrong.map(([field]) => field).join(", ")} ${wrong.length === 1 ? "is" : "are"} not the order's: the detail is ${JSON.stringify(detail)}`,
    );

    const announcedDecline = await scanAnalytics("detail.email = :email", { ":email": declinedEmail });
    expectThat(
      announcedDecline.length === 0,
      "no OrderPlaced for an order whose card was declined",
      `the bus got ${announcedDecline.map((e) => e.detailType).join(", ")} for the order answered 402: the event was put before the order was paid for and stored`,
    );
  },
  30_000,
);

interface PatternCase {
  what: string;
  source: string;
  detailType: string;
  totalCents: number;
  matches: boolean;
}

const PATTERN_CASES: PatternCase[] = [
  { what: "an OrderPlaced of 7000 cents", source: SOURCE, detailType: "OrderPlaced", totalCents: 7000, matches: true },
  {
    what: "an OrderPlaced of exactly 5000 cents",
    source: SOURCE,
    detailType: "OrderPlaced",
    totalCents: 5000,
    matches: true,
  },
  { what: "an OrderPlaced of 4999 cents", source: SOURCE, detailType: "OrderPlaced", totalCents: 4999, matches: false },
  {
    what: "an OrderCancelled of 9000 cents",
    source: SOURCE,
    detailType: "OrderCancelled",
    totalCents: 9000,
    matches: false,
  },
  {
    what: "an OrderPlaced of 7000 cents from source shop.marketplace",
    source: "shop.marketplace",
    detailType: "OrderPlaced",
    totalCents: 7000,
    matches: false,
  },
];

step(
  "loyalty-pattern",
  async () => {
    const rule = await bus.send(
      new DescribeRuleCommand({ Name: lab.output("loyaltyRule"), EventBusName: lab.output("bus") }),
    );
    const pattern = rule.EventPattern ?? "";
    // arn:aws:events:<region>:<account>:rule/<bus>/<name>: a sample event must name a region and an account
    const [, , , region, account] = (rule.Arn ?? "").split(":");
    const wrong: string[] = [];
    for (const c of PATTERN_CASES) {
      const event = {
        version: "0",
        id: randomUUID(),
        "detail-type": c.detailType,
        source: c.source,
        account,
        time: new Date().toISOString(),
        region,
        resources: [],
        detail: anOrder(c.totalCents),
      };
      const { Result } = await bus.send(
        new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(event) }),
      );
      if (Result !== c.matches) wrong.push(`${c.matches ? "does not match" : "matches"} ${c.what}`);
    }
    expectThat(
      wrong.length === 0,
      "the Loyalty rule's pattern to match OrderPlaced events from shop.orders of 5000 cents or more, and nothing else",
      `it ${wrong.join(", and ")}. The pattern is ${pattern}`,
    );

    await expectAwarded(anOrder(7000));

    const small = anOrder(2500);
    const cancelled = anOrder(9000);
    const ids = [...(await put("OrderPlaced", small)), ...(await put("OrderCancelled", cancelled))];
    await delivered(ids);
    const [forSmall, forCancelled] = [await pointsSettled(small.email), await pointsOf(cancelled.email)];
    expectThat(
      forSmall === 0 && forCancelled === 0,
      "no points for an OrderPlaced of 2500 cents, nor for an OrderCancelled",
      `loyalty awarded ${forSmall} for the small order and ${forCancelled} for the cancellation`,
    );
  },
  30_000,
);

step(
  "idempotent-consumer",
  async () => {
    const order = anOrder(7000);
    await expectAwarded(order);

    // At-least-once: the same OrderPlaced again, twice, as a retrying producer would put it.
    await delivered(await put("OrderPlaced", order, 2));
    const after = await pointsSettled(order.email);
    expectThat(
      after === 70,
      "the same OrderPlaced (same orderId) delivered twice more to leave the customer at 70 points",
      `they have ${after} points after three deliveries of one order`,
    );

    const second = anOrder(5000, { email: order.email });
    await put("OrderPlaced", second);
    const total = await pointsReaching(order.email, 120);
    expectThat(
      total === 120,
      "a second, different order of 5000 cents by the same customer to add its 50 points (120 in all)",
      total === 70 ? "they still have 70: the second order was taken for a duplicate" : `they have ${total} points`,
    );
  },
  30_000,
);

// ---- notifications ------------------------------------------------------------

interface Notification {
  orderId?: string;
  channel?: string;
}

/** The message a queue got from SNS: inside the envelope's Message field, or the body itself under raw delivery. */
function notificationIn(message: Message): Notification {
  try {
    const body = JSON.parse(message.Body ?? "");
    if (body?.Type === "Notification" && typeof body.Message === "string") return JSON.parse(body.Message);
    return body;
  } catch {
    return {};
  }
}

/** Receives everything waiting in `queueUrl` once (long polling for a second), and deletes it. */
async function drain(queueUrl: string): Promise<Notification[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
  );
  if (Messages.length > 0) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })),
      }),
    );
  }
  return Messages.map(notificationIn);
}

step(
  "notify-fanout",
  async () => {
    const queues = { email: lab.output("emailQueue"), sms: lab.output("smsQueue") };
    // what earlier steps' orders left in the queues is read and dropped along the way
    const byMail = anOrder(2500);
    const byText = anOrder(2500, { phone: "+15555550123" });
    await delivered([...(await put("OrderPlaced", byMail)), ...(await put("OrderPlaced", byText))]);

    const got = { email: new Set<string>(), sms: new Set<string>() };
    const receive = async () => {
      for (const channel of ["email", "sms"] as const) {
        for (const n of await drain(queues[channel])) if (n.orderId) got[channel].add(n.orderId);
      }
    };
    const deadline = Date.now() + DELIVERY_MS;
    while (!(got.email.has(byMail.orderId) && got.sms.has(byText.orderId)) && Date.now() < deadline) await receive();
    await receive(); // one more round: a message that should not be there has had time to arrive

    const seen = (channel: "email" | "sms") =>
      [
        got[channel].has(byMail.orderId) ? "the mail order" : "",
        got[channel].has(byText.orderId) ? "the order with a phone number" : "",
      ]
        .filter(Boolean)
        .join(" and ") || "neither";
    expectThat(
      got.email.has(byMail.orderId) && got.sms.has(byText.orderId),
      "the order without a phone number in EmailQueue and the order with one in SmsQueue",
      got.email.size + got.sms.size === 0
        ? `after ${DELIVERY_MS / 1000} s neither queue had received anything. A subscription with a filter policy lets through only the messages whose attributes match it`
        : `after ${DELIVERY_MS / 1000} s EmailQueue got ${seen("email")} and SmsQueue got ${seen("sms")}`,
    );
    expectThat(
      !got.email.has(byText.orderId) && !got.sms.has(byMail.orderId),
      "each queue to get only its own channel's messages",
      `EmailQueue got ${seen("email")}, and SmsQueue got ${seen("sms")}`,
    );
  },
  30_000,
);
