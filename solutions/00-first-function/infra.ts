import type { LabContext } from "../../infra/load-lab";

/** Lab 00: one HTTP API, one function, one table. */
export default function infra({ dir }: LabContext) {
  const orders = new sst.aws.Dynamo("Orders", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });

  const api = new sst.aws.ApiGatewayV2("Api");
  const handler = { link: [orders], timeout: "5 seconds" as const, memory: "256 MB" as const };
  api.route("GET /health", { handler: `${dir}/src/orders.health`, ...handler });
  api.route("POST /orders", { handler: `${dir}/src/orders.create`, ...handler });
  api.route("GET /orders/{id}", { handler: `${dir}/src/orders.get`, ...handler });

  return { api: api.url, ordersTable: orders.name };
}
