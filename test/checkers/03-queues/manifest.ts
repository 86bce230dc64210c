import { defineLab } from "../../../course/lab-runner/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "03-queues",
  title: "Decouple with queues",
  summary: "Decouple state from code using messaging: a queue absorbs any volume and lets the sender move on.",
  status: "ready",
  minutes: 50,
  goals: [
    "Return at once from order placement and fulfil orders from an SQS queue",
    "Let a failed message come back, and move a poison message to a dead-letter queue",
    "Report partial batch failures, so one bad message does not fail the others",
    "Make the consumer idempotent, because SQS delivers at least once",
  ],
  chapter: "/chapters/03-queues/",
  cost: {
    perDayUsd: 0,
    basis:
      "SQS is billed per request: the first million a month are free, then $0.40 per million for a standard queue. Lambda's pollers long-poll the Fulfilment queue even when it is idle, about 21,600 empty receives a day (under $0.01 a day past the free tier); the dead-letter queue, the functions and the on-demand tables cost nothing while idle",
  },
  steps: [
    {
      id: "enqueue",
      title: "Placing an order hands it to shipping through the queue",
      task: 'In orders/infra.ts, link the Fulfilment queue to the orders service. In orders/handler.ts, once the order is stored, send an OrderPlaced message (shared/messages.ts) to the queue, and answer 201 with fulfilment "pending" without waiting for shipping.',
      hints: [
        "A queue lets orders hand the work over and move on: it needs permission to send and the queue's URL, not shipping's code, its table or shipping being up right now.",
        "Linking the queue grants sqs:SendMessage on it and gives you `Resource.Fulfilment.url`. Send with `sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(message) }))` from @aws-sdk/client-sqs, after the PutCommand: only a stored order goes on the queue.",
      ],
      docs: "#hand-over-with-a-queue",
    },
    {
      id: "ship",
      title: "Shipping takes orders off the queue, and a failed one comes back",
      task: "In shipping/infra.ts, subscribe shipping/consumer.handler to the Fulfilment queue, linked to the Shipments and CarrierCalls tables, with a timeout no longer than the queue's 3-second visibility timeout, and return its function's name as shippingConsumer. An OrderPlaced message becomes a shipment; an order whose carrier call fails once (an address at flaky.example) ships when its message comes back.",
      hints: [
        "Lambda polls the queue for you and calls the function with a batch. It deletes the messages only when the function succeeds; a message it did not delete becomes visible again when its visibility timeout ends, and that is the retry.",
        "`queue.subscribe({ handler, link, timeout: \"3 seconds\" })` returns a subscriber whose `nodes.function.name` is the output. Lambda refuses to map a queue whose visibility timeout is shorter than the function's timeout (SST's default is 20 seconds); `course up` prints the refusal.",
      ],
      docs: "#a-consumer-at-its-own-pace",
    },
    {
      id: "dead-letter",
      title: "A poison message ends in the dead-letter queue",
      task: "Give the Fulfilment queue a dead-letter queue (FulfilmentDeadLetters) with a redrive after 2 receives, and return its URL as deadLetterQueue. An order the carrier always refuses (an address at poison.example) must end there, and orders sent after it still ship.",
      hints: [
        "A message that can never succeed comes back after every visibility timeout for as long as the queue keeps it (4 days by default), costing a call each time and hiding real failures. A redrive policy moves it aside after a number of receives, for a person to look at.",
        '`new sst.aws.Queue("Fulfilment", { dlq: { queue: deadLetters.arn, retry: 2 }, … })`. The failure has to reach Lambda: a consumer that catches the error and returns success gets the message deleted, and it is lost rather than dead-lettered.',
      ],
      docs: "#poison-messages",
    },
    {
      id: "partial-batch",
      title: "A poison message does not fail the rest of its batch",
      task: "In shipping/consumer.ts, handle each message of the batch on its own: name the ones that failed in batchItemFailures instead of throwing, and turn partialResponses on in the subscription. In a batch with one poison order, the other orders ship once and only the poison one reaches the dead-letter queue.",
      hints: [
        "By default a batch succeeds or fails as one: one failed message and every message of the batch comes back, is processed again, and can follow the poison one to the dead-letter queue.",
        "Pass `{ batch: { partialResponses: true } }` as subscribe's second argument and return `{ batchItemFailures: [{ itemIdentifier: record.messageId }, …] }`. Lambda reads batchItemFailures only when partialResponses is on; otherwise it deletes the whole batch.",
      ],
      docs: "#partial-batch-failures",
    },
    {
      id: "idempotent",
      title: "A message delivered twice ships once",
      task: "SQS delivers every message at least once. In shipping/consumer.ts, make fulfilment idempotent: however many times an order's OrderPlaced message arrives, the carrier books it once.",
      hints: [
        "A duplicate is normal at-least-once delivery, not an error: the consumer must make a second delivery of the same order do nothing, even when two copies are processed at the same moment.",
        'Claim the order before calling the carrier with a conditional write: a PutCommand on Shipments with `ConditionExpression: "attribute_not_exists(orderId)"`. A ConditionalCheckFailedException means another delivery has it. If the carrier fails, delete the claim, so the retry can book it.',
      ],
      docs: "#idempotent-consumers",
    },
  ],
  starterPasses: [],
  carried: {
    from: "02-microservices",
    files: [
      "inventory/catalog.ts",
      "inventory/handler.ts",
      "inventory/infra.ts",
      "orders/notifications.ts",
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
