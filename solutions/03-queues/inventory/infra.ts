/** The inventory team's service: stock per product, and reservations against it. */
export function inventoryService(api: sst.aws.ApiGatewayV2, dir: string) {
  const table = new sst.aws.Dynamo("Inventory", {
    fields: { sku: "string" },
    primaryIndex: { hashKey: "sku" },
  });
  const service = new sst.aws.Function("InventoryService", {
    handler: `${dir}/inventory/handler.handler`,
    link: [table],
    timeout: "10 seconds",
    memory: "256 MB",
  });
  for (const route of [
    "GET /v1/inventory/{sku}",
    "PUT /v1/inventory/{sku}",
    "POST /v1/inventory/{sku}/reservations",
    "POST /v1/inventory/{sku}/releases",
  ]) {
    api.route(route, service.arn);
  }
  return { table, service };
}
