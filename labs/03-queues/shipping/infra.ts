/**
 * The shipping team's service. It owns the Fulfilment queue it reads from:
 * orders only sends to it. A consumer on the queue books each order with the
 * carrier; one route shows where a shipment stands.
 */
export function shippingService(api: sst.aws.ApiGatewayV2, dir: string) {
  const shipments = new sst.aws.Dynamo("Shipments", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });
  // The carrier stand-in's books: one item per booking call.
  const carrierCalls = new sst.aws.Dynamo("CarrierCalls", {
    fields: { orderId: "string", callId: "string" },
    primaryIndex: { hashKey: "orderId", rangeKey: "callId" },
  });

  // TODO (step dead-letter): a message that fails every time comes back after every
  // visibility timeout, for days. Create a second queue, "FulfilmentDeadLetters",
  // and give this one a redrive policy that moves a message there after 2 receives.
  const queue = new sst.aws.Queue("Fulfilment", {
    // how long a received message stays hidden from other consumers
    visibilityTimeout: "3 seconds",
  });

  // The consumer: shipping/consumer.ts books every order of a batch with the carrier.
  const consumer = new sst.aws.Function("ShippingConsumer", {
    handler: `${dir}/shipping/consumer.handler`,
    link: [shipments, carrierCalls],
    timeout: "10 seconds",
    memory: "256 MB",
  });
  // TODO (step ship): subscribe the consumer to the queue (`queue.subscribe(consumer.arn)`).
  // Lambda then polls the queue and calls the consumer with batches of messages, using
  // the consumer's role to receive and delete them: link the queue to the consumer.
  // Lambda also checks that a message stays hidden (the visibility timeout) for at
  // least as long as the consumer may run on it.
  // TODO (step partial-batch): let the consumer report which messages of a batch failed.

  const service = new sst.aws.Function("ShippingService", {
    handler: `${dir}/shipping/handler.handler`,
    link: [shipments],
    timeout: "5 seconds",
    memory: "128 MB",
  });
  api.route("GET /v1/shipments/{orderId}", service.arn);

  return { queue, shipments, carrierCalls, consumer, service };
}
