// Checker for lab 03. It places an order through the API, and otherwise talks
// to the Fulfilment queue as any producer would: OrderPlaced messages sent with
// the SDK, some of them for addresses the carrier stand-in fails on purpose
// (poison.example always, flaky.example once). It reads the outcome from the
// shipping route, the carrier's record of calls and the dead-letter queue.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expectThat, http, labUnderCheck, step, waitFor } from "../../../course/checker/lab.ts";

const lab = labUnderCheck();
const api = (path: string) => lab.api(path);
const db = DynamoDBDocumentClient.from(new DynamoDBClient(lab.clientConfig));
const sqs = new SQSClient(lab.clientConfig);
const APPROVED = "4242424242424242";
/** the queue's redrive sends a message to the DLQ after this many receives (the lab's setting) */
const RETRY = 2;

type Domain = "example.com" | "flaky.example" | "poison.example";
interface OrderPlaced {
  type: "OrderPlaced";
  orderId: string;
  sku: string;
  quantity: number;
  email: string;
}

/** every order this run made up, so the dead-letter queue's other messages are left alone */
const ours = new Set<string>();
/** orders whose message this run found in the dead-letter queue (and deleted from it) */
const deadLettered = new Set<string>();

function orderPlaced(domain: Domain): OrderPlaced {
  const orderId = randomUUID();
  ours.add(orderId);
  return { type: "OrderPlaced", orderId, sku: "accelerate", quantity: 1, email: `checker@${domain}` };
}

/** Sends messages to the Fulfilment queue in one SendMessageBatch call, as the orders service would send them. */
async function send(...messages: OrderPlaced[]): Promise<void> {
  const { Failed = [] } = await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: lab.output("fulfilmentQueue"),
      Entries: messages.map((m, i) => ({ Id: `m${i}`, MessageBody: JSON.stringify(m) })),
    }),
  );
  expectThat(Failed.length === 0, "SendMessageBatch to the Fulfilment queue to succeed", JSON.stringify(Failed));
}

async function shipment(orderId: string): Promise<Record<string, unknown> | undefined> {
  const res = await http("GET", api(`/v1/shipments/${orderId}`));
  return res.status === 200 && res.json?.status === "shipped" ? res.json : undefined;
}

/** The carrier stand-in's record of every booking call for an order: "booked", "rejected" or "unavailable". */
async function carrierCalls(orderId: string): Promise<string[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: lab.output("carrierCallsTable"),
      KeyConditionExpression: "orderId = :o",
      ExpressionAttributeValues: { ":o": orderId },
    }),
  );
  return Items.map((item) => String(item.outcome));
}

const booked = async (orderId: string) => (await carrierCalls(orderId)).filter((o) => o === "booked").length;

/**
 * One look into the dead-letter queue: this run's messages are noted and
 * deleted; anyone else's stay hidden for the queue's visibility timeout.
 */
async function drainDeadLetters(): Promise<void> {
  const queueUrl = lab.output("deadLetterQueue");
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
  );
  for (const message of Messages) {
    const orderId = orderIdOf(message.Body);
    if (orderId === undefined || !ours.has(orderId)) continue;
    deadLettered.add(orderId);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  }
}

function orderIdOf(body: string | undefined): string | undefined {
  try {
    const orderId = JSON.parse(body ?? "")?.orderId;
    return typeof orderId === "string" ? orderId : undefined;
  } catch {
    return undefined;
  }
}

/** The order's message, looked for among those waiting in the Fulfilment queue (each one seen stays hidden for 2 s). */
async function findInQueue(orderId: string): Promise<OrderPlaced | undefined> {
  for (let look = 0; look < 5; look++) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: lab.output("fulfilmentQueue"),
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 2,
        WaitTimeSeconds: 1,
      }),
    );
    const message = Messages.find((m) => orderIdOf(m.Body) === orderId);
    if (message) return JSON.parse(message.Body ?? "") as OrderPlaced;
    if (Messages.length === 0) return undefined;
  }
  return undefined;
}

async function fulfilmentQueue(): Promise<{ waiting: number; inFlight: number; redrive?: string; visibility: number }> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: lab.output("fulfilmentQueue"), AttributeNames: ["All"] }),
  );
  return {
    waiting: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    redrive: Attributes.RedrivePolicy,
    visibility: Number(Attributes.VisibilityTimeout ?? 30),
  };
}

/** The consumer's function name from the outputs; a failed step when there is none. */
function consumerName(): string {
  let name: string | undefined;
  try {
    name = lab.output("shippingConsumer");
  } catch {}
  expectThat(
    name !== undefined,
    "infra.ts to return the queue consumer's function name as shippingConsumer",
    "the stack has no output shippingConsumer: nothing is subscribed to the Fulfilment queue yet",
  );
  return name;
}

async function consumerConfiguration() {
  return new LambdaClient(lab.clientConfig).send(new GetFunctionConfigurationCommand({ FunctionName: consumerName() }));
}

/**
 * Fails the step at once when Lambda would refuse to subscribe the consumer:
 * nothing would ever read the queue.
 */
async function expectSubscribable(): Promise<void> {
  const queue = await fulfilmentQueue();
  const { Timeout = 3 } = await consumerConfiguration();
  expectThat(
    queue.visibility >= Timeout,
    "the queue's visibility timeout to be at least the consumer's timeout",
    `the queue hides a received message for ${queue.visibility} s and the consumer may run for ${Timeout} s: Lambda refuses to subscribe a function that may still be working on a message when the queue shows it to another consumer`,
  );
}

/** Why nothing took a message off the queue, as far as the queue tells. */
async function whyNotConsumed(): Promise<string> {
  const queue = await fulfilmentQueue();
  const held = `the queue holds ${queue.waiting} message(s) waiting and ${queue.inFlight} in flight`;
  if (queue.visibility > 10) {
    return `${held}; its visibility timeout is ${queue.visibility} s: a failed message comes back only after that, later than this check waits`;
  }
  return `${held}: is the consumer subscribed to the queue?`;
}

/** The SQS actions Lambda's pollers need on the queue that the consumer's role is not allowed. */
async function pollerActionsDenied(): Promise<string[]> {
  const { Role } = await consumerConfiguration();
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: lab.output("fulfilmentQueue"), AttributeNames: ["QueueArn"] }),
  );
  const { EvaluationResults = [] } = await new IAMClient(lab.clientConfig).send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: Role,
      ActionNames: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
      ResourceArns: [Attributes?.QueueArn ?? ""],
    }),
  );
  return EvaluationResults.filter((r) => r.EvalDecision !== "allowed").map((r) => r.EvalActionName ?? "");
}

/** Fails the step at once when the Fulfilment queue does not redrive to the deadLetterQueue output. */
async function expectRedrive(): Promise<void> {
  const queue = await fulfilmentQueue();
  expectThat(
    queue.redrive !== undefined,
    "the Fulfilment queue to have a redrive policy",
    "it has none: a message that always fails comes back after every visibility timeout until it expires (4 days), and never reaches the dead-letter queue",
  );
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: lab.output("deadLetterQueue"), AttributeNames: ["QueueArn"] }),
  );
  const policy = JSON.parse(queue.redrive);
  expectThat(
    policy.deadLetterTargetArn === Attributes?.QueueArn,
    "the redrive policy to move messages to the deadLetterQueue output",
    "it names another queue",
  );
  expectThat(
    Number(policy.maxReceiveCount) === RETRY,
    `a message to move to the dead-letter queue after ${RETRY} receives`,
    `the redrive policy moves it after ${policy.maxReceiveCount}`,
  );
}

/** What happens when a failure never reaches Lambda, or the retry does nothing: the message is lost. */
const LOST =
  "A consumer that catches an error without reporting it, returns batchItemFailures while partialResponses is off (Lambda then ignores them and deletes the batch), deletes the message itself before processing it, or marks the order done before it is, loses the message";

/** Where a message that should be in the dead-letter queue went instead. */
async function whyNotDeadLettered(orderId: string): Promise<string> {
  const queue = await fulfilmentQueue();
  const calls = (await carrierCalls(orderId)).length;
  if (queue.waiting + queue.inFlight === 0 && calls < RETRY) {
    return `the carrier was called ${calls} time(s) for it, and it is gone: not shipped, not in the queue, not in the dead-letter queue. Its failure never reached Lambda, or its retry did nothing. ${LOST}`;
  }
  return `the carrier was called ${calls} time(s) for it, and the Fulfilment queue still holds ${queue.waiting + queue.inFlight} message(s)`;
}

const QUIET_MS = 8_000;

/**
 * Waits until `done`, or until `ms` have passed, or until the carrier has had
 * no new call for these orders for a while after the first: a failed message
 * comes back (and then goes to the dead-letter queue) within a visibility
 * timeout or two, so a longer silence means nothing more will happen.
 */
async function untilDoneOrQuiet(ms: number, orderIds: string[], done: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  let calls = 0;
  let changedAt = Date.now();
  for (;;) {
    if (await done()) return true;
    const now = (await Promise.all(orderIds.map(carrierCalls))).reduce((n, c) => n + c.length, 0);
    if (now !== calls) [calls, changedAt] = [now, Date.now()];
    if ((calls > 0 && Date.now() - changedAt > QUIET_MS) || Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}

step(
  "enqueue",
  async () => {
    const stock = await http("PUT", api("/v1/inventory/accelerate"), { stock: 50 });
    expectThat(stock.status === 200, "PUT /v1/inventory/accelerate to set the stock", describe(stock));
    const placed = await http("POST", api("/v1/orders"), {
      sku: "accelerate",
      quantity: 1,
      email: "checker@example.com",
      card: APPROVED,
    });
    expectThat(placed.status === 201, "POST /v1/orders to answer 201", describe(placed));
    expectThat(
      placed.json?.fulfilment === "pending",
      'the order to answer at once with fulfilment "pending", before shipping has seen it',
      describe(placed),
    );
    const orderId = String(placed.json.orderId);
    ours.add(orderId);
    const stored = await http("GET", api(`/v1/orders/${orderId}`));
    expectThat(stored.status === 200, "the order to be stored", describe(stored));

    // Shipping takes it from the queue, or, before there is a consumer, it waits there. Look into
    // the queue only when shipping has not taken it: every receive counts toward the redrive.
    const consumed = await waitFor(20_000, async () =>
      (await carrierCalls(orderId)).length > 0 || (await shipment(orderId)) ? "consumed" : undefined,
    );
    const found = consumed ?? (await findInQueue(orderId));
    expectThat(
      found !== undefined,
      "the order's OrderPlaced message on the Fulfilment queue",
      `it is neither in the queue nor taken by shipping (${await whyNotConsumed()})`,
    );
    if (found !== "consumed") {
      const expected = { type: "OrderPlaced", orderId, sku: "accelerate", quantity: 1, email: "checker@example.com" };
      expectThat(
        JSON.stringify(found) === JSON.stringify(expected),
        `the message to be ${JSON.stringify(expected)} (shared/messages.ts)`,
        `it is ${JSON.stringify(found)}`,
      );
    }
  },
  30_000,
);

step(
  "ship",
  async () => {
    await expectSubscribable();
    const plain = orderPlaced("example.com");
    const flaky = orderPlaced("flaky.example");
    await send(plain);

    const shipped = await waitFor(20_000, () => shipment(plain.orderId));
    expectThat(
      shipped !== undefined,
      "an OrderPlaced message to become a shipment (GET /v1/shipments/{orderId} with status shipped)",
      `after 20 s there is none: ${await whyNotConsumed()}`,
    );
    expectThat(
      typeof shipped.trackingNumber === "string" && shipped.trackingNumber !== "",
      "the shipment to carry the carrier's trackingNumber",
      `it is ${JSON.stringify(shipped)}`,
    );

    const denied = await pollerActionsDenied();
    expectThat(
      denied.length === 0,
      "the consumer's role to allow what Lambda's pollers do on the queue with it",
      `it does not allow ${denied.join(", ")} on the Fulfilment queue: on AWS, Lambda refuses the subscription`,
    );

    // Sent once the consumer is warm: a cold start longer than the visibility timeout would
    // deliver the message twice and hide what a failure does.
    await send(flaky);
    const retried = await untilDoneOrQuiet(15_000, [flaky.orderId], async () => !!(await shipment(flaky.orderId)));
    const calls = await carrierCalls(flaky.orderId);
    expectThat(
      retried,
      "the order whose first carrier call failed (flaky.example) to ship when its message came back",
      calls.length === 1
        ? `the carrier failed once and was never called again: the failure never reached Lambda, or the next delivery did nothing. ${LOST}`
        : `there is no shipment; the carrier's calls for it were: ${calls.join(", ") || "none"}`,
    );
  },
  60_000,
);

step(
  "dead-letter",
  async () => {
    await expectSubscribable();
    await expectRedrive();
    const poison = orderPlaced("poison.example");
    const after = orderPlaced("example.com");
    await send(poison);
    await send(after);

    await untilDoneOrQuiet(20_000, [poison.orderId], async () => {
      await drainDeadLetters();
      return deadLettered.has(poison.orderId);
    });
    expectThat(
      deadLettered.has(poison.orderId),
      `the poison order's message (the carrier refuses poison.example every time) in the dead-letter queue after ${RETRY} receives`,
      `it is not there: ${await whyNotDeadLettered(poison.orderId)}`,
    );
    expectThat(
      (await shipment(after.orderId)) !== undefined,
      "an order sent after the poison one to ship",
      "it has no shipment",
    );
  },
  60_000,
);

step(
  "partial-batch",
  async () => {
    await expectSubscribable();
    await expectRedrive();
    const poison = orderPlaced("poison.example");
    const good = [orderPlaced("example.com"), orderPlaced("example.com"), orderPlaced("example.com")];
    // one SendMessageBatch: the messages arrive together, and the consumer gets them in one batch
    await send(good[0]!, poison, good[1]!, good[2]!);

    const orderIds = [poison, ...good].map((o) => o.orderId);
    await untilDoneOrQuiet(20_000, orderIds, async () => {
      await drainDeadLetters();
      const shipped = await Promise.all(good.map((g) => shipment(g.orderId)));
      return deadLettered.has(poison.orderId) && shipped.every(Boolean);
    });

    const notShipped: number[] = [];
    for (const [i, g] of good.entries()) if (!(await shipment(g.orderId))) notShipped.push(i + 1);
    const withPoison = good.filter((g) => deadLettered.has(g.orderId)).length;
    expectThat(
      notShipped.length === 0 && withPoison === 0,
      "the three good orders sent in one batch with a poison one to ship, and stay out of the dead-letter queue",
      `${notShipped.length} of 3 never shipped and ${withPoison} of 3 are in the dead-letter queue: when one message fails the whole batch, every message of the batch comes back with it, and follows it to the dead-letter queue`,
    );
    const counts = await Promise.all(good.map((g) => booked(g.orderId)));
    expectThat(
      counts.every((c) => c === 1),
      "each good order of the batch to be booked with the carrier once",
      `they were booked ${counts.join(", ")} times: the batch was delivered again as a whole after the poison message failed`,
    );
    expectThat(
      deadLettered.has(poison.orderId),
      "the poison order's message in the dead-letter queue",
      `it is not there: ${await whyNotDeadLettered(poison.orderId)}`,
    );
  },
  60_000,
);

step(
  "idempotent",
  async () => {
    await expectSubscribable();
    const order = orderPlaced("example.com");
    // at-least-once delivery: two copies at once, and one more after the order has shipped
    await send(order, order);
    const shipped = await waitFor(20_000, () => shipment(order.orderId));
    expectThat(shipped !== undefined, "the order to ship", `after 10 s it has no shipment: ${await whyNotConsumed()}`);
    await send(order);
    const sentAt = Date.now();

    // done when the queue is empty (every copy was processed and deleted), or booked twice, or after 10 s
    await waitFor(10_000, async () => {
      if ((await booked(order.orderId)) > 1) return true;
      const queue = await fulfilmentQueue();
      // the queue's counts are approximate on AWS: give the last copy a moment to show
      return queue.waiting + queue.inFlight === 0 && Date.now() - sentAt > 1_000 ? true : undefined;
    });
    const times = await booked(order.orderId);
    expectThat(
      times === 1,
      "an order whose message arrived three times to be booked with the carrier once",
      times === 0
        ? "it was never booked"
        : "it was booked more than once: each delivery of the same message booked it again",
    );
  },
  60_000,
);
