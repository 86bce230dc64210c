import type { LabContext } from "../../infra/load-lab";

/** Lab 00: one HTTP API, one function per route, one table. */
export default function infra({ dir }: LabContext) {
  const orders = new sst.aws.Dynamo("Orders", {
    fields: { orderId: "string" },
    primaryIndex: { hashKey: "orderId" },
  });

  const api = new sst.aws.ApiGatewayV2("Api");
  api.route("GET /health", { handler: `${dir}/src/orders.health`, timeout: "5 seconds", memory: "256 MB" });
  api.route("POST /orders", {
    handler: `${dir}/src/orders.create`,
    link: [orders],
    timeout: "5 seconds",
    memory: "256 MB",
  });
  api.route("GET /orders/{id}", {
    handler: `${dir}/src/orders.get`,
    link: [orders],
    timeout: "5 seconds",
    memory: "256 MB",
  });

  return { api: api.url, ordersTable: orders.name };
}
