/**
 * The orders team's service. It should link the API, not the other services'
 * tables, and reserve stock and charge cards by calling their routes.
 */
export function ordersService(api: sst.aws.ApiGatewayV2, dir: string, inventoryTable: sst.aws.Dynamo) {
  const table = new sst.aws.Dynamo("Orders", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });
  const service = new sst.aws.Function("OrdersService", {
    handler: `${dir}/orders/handler.handler`,
    // A habit from the monolith: orders reads stock straight from inventory's table.
    // TODO (step least-privilege): link only what orders owns, and the API.
    link: [table, api, inventoryTable],
    timeout: "15 seconds",
    memory: "256 MB",
  });
  api.route("POST /v1/orders", service.arn);
  api.route("GET /v1/orders/{orderId}", service.arn);
  return { table, service };
}
