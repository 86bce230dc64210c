/**
 * The orders team's service. It links the API, to reach inventory and payments
 * through their routes, and the Fulfilment queue, to hand each order to shipping.
 */
export function ordersService(api: sst.aws.ApiGatewayV2, dir: string, fulfilment: sst.aws.Queue) {
  const table = new sst.aws.Dynamo("Orders", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });
  const service = new sst.aws.Function("OrdersService", {
    handler: `${dir}/orders/handler.handler`,
    link: [table, api, fulfilment],
    timeout: "15 seconds",
    memory: "256 MB",
  });
  api.route("POST /v1/orders", service.arn);
  api.route("GET /v1/orders/{orderId}", service.arn);
  return { table, service };
}
