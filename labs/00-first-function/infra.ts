import type { LabContext } from "../../infra/load-lab";

/** Lab 00: one HTTP API, one function per route, one table. */
export default function infra({ dir }: LabContext) {
  const orders = new sst.aws.Dynamo("Orders", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });

  const api = new sst.aws.ApiGatewayV2("Api");
  api.route("GET /health", { handler: `${dir}/src/orders.health`, timeout: "5 seconds", memory: "256 MB" });

  // TODO (step create-route): route "POST /orders" to the `create` handler in
  //   src/orders.ts, and link it to the Orders table so it may write there.
  // TODO (step get-order): route "GET /orders/{id}" to the `get` handler, linked too.

  return { api: api.url, ordersTable: orders.name };
}
