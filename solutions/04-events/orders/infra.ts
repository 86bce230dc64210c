/**
 * The orders team's service. It links the API, to reserve stock and charge
 * cards through the other services' routes, and the bus, to tell everyone
 * else that an order was placed. It does not know who listens.
 */
export function ordersService(api: sst.aws.ApiGatewayV2, bus: sst.aws.Bus, dir: string) {
  const table = new sst.aws.Dynamo("Orders", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });
  const service = new sst.aws.Function("OrdersService", {
    handler: `${dir}/orders/handler.handler`,
    link: [table, api, bus],
    timeout: "15 seconds",
    memory: "256 MB",
  });
  api.route("POST /v1/orders", service.arn);
  api.route("GET /v1/orders/{orderId}", service.arn);
  return { table, service };
}
