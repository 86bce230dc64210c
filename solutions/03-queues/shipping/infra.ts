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

  // A message received `retry` times without being deleted moves here, out of the way.
  const deadLetters = new sst.aws.Queue("FulfilmentDeadLetters");
  const queue = new sst.aws.Queue("Fulfilment", {
    // how long a received message stays hidden from other consumers: at least the consumer's timeout
    visibilityTimeout: "3 seconds",
    dlq: { queue: deadLetters.arn, retry: 2 },
  });
  // The consumer: Lambda's pollers receive and delete with its role, so it links the queue too.
  const consumer = new sst.aws.Function("ShippingConsumer", {
    handler: `${dir}/shipping/consumer.handler`,
    link: [queue, shipments, carrierCalls],
    // no longer than the queue's visibility timeout, or Lambda refuses the subscription
    timeout: "3 seconds",
    memory: "256 MB",
  });
  queue.subscribe(consumer.arn, { batch: { partialResponses: true } });

  const service = new sst.aws.Function("ShippingService", {
    handler: `${dir}/shipping/handler.handler`,
    link: [shipments],
    timeout: "5 seconds",
    memory: "128 MB",
  });
  api.route("GET /v1/shipments/{orderId}", service.arn);

  return { queue, deadLetters, shipments, carrierCalls, consumer, service };
}
