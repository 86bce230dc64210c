/**
 * The orders team's service. It links the API, to reach inventory and payments
 * through their routes.
 */
// biome-ignore lint/correctness/noUnusedFunctionParameters: you link it in step enqueue
export function ordersService(api: sst.aws.ApiGatewayV2, dir: string, fulfilment: sst.aws.Queue) {
  const table = new sst.aws.Dynamo("Orders", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });
  const service = new sst.aws.Function("OrdersService", {
    handler: `${dir}/orders/handler.handler`,
    // TODO (step enqueue): orders hands each order to shipping through the `fulfilment`
    // queue. A function reaches only what it is linked to: linking the queue lets
    // it send there, and puts the queue's URL in `Resource.Fulfilment.url`.
    link: [table, api],
    timeout: "15 seconds",
    memory: "256 MB",
  });
  api.route("POST /v1/orders", service.arn);
  api.route("GET /v1/orders/{orderId}", service.arn);
  return { table, service };
}
