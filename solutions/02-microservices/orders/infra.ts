/**
 * The orders team's service. It links the API, not the other services' tables:
 * it reserves stock and charges cards by calling their routes.
 */
export function ordersService(api: sst.aws.ApiGatewayV2, dir: string) {
  const table = new sst.aws.Dynamo("Orders", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });
  const service = new sst.aws.Function("OrdersService", {
    handler: `${dir}/orders/handler.handler`,
    link: [table, api],
    timeout: "15 seconds",
    memory: "256 MB",
  });
  api.route("POST /v1/orders", service.arn);
  api.route("GET /v1/orders/{orderId}", service.arn);
  return { table, service };
}
