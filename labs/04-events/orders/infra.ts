/**
 * The orders team's service. It links the API, to reserve stock and charge
 * cards through the other services' routes.
 */
export function ordersService(api: sst.aws.ApiGatewayV2, dir: string) {
  const table = new sst.aws.Dynamo("Orders", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });
  const service = new sst.aws.Function("OrdersService", {
    handler: `${dir}/orders/handler.handler`,
    // TODO (step publish-event): a function reaches only what it links, and
    // orders will put events on the bus: take the bus as a parameter (infra.ts
    // has it) and link it.
    link: [table, api],
    timeout: "15 seconds",
    memory: "256 MB",
  });
  api.route("POST /v1/orders", service.arn);
  api.route("GET /v1/orders/{orderId}", service.arn);
  return { table, service };
}
