import type { LabContext } from "../../infra/load-lab";
import { inventoryService } from "./inventory/infra";
import { ordersService } from "./orders/infra";

/**
 * Lab 02: the shop as three services behind one front door. Each service owns
 * its function and its table; the others reach it only through its routes on
 * the API, never through its table.
 */
export default function infra({ dir }: LabContext) {
  const api = new sst.aws.ApiGatewayV2("Api");
  api.route("GET /v1/health", { handler: `${dir}/shared/health.handler`, timeout: "5 seconds", memory: "128 MB" });

  const inventory = inventoryService(api, dir);
  // TODO (step payments-route): const payments = paymentsService(api, dir);  (from ./payments/infra)
  const orders = ordersService(api, dir, inventory.table);

  return {
    api: api.url,
    inventoryTable: inventory.table.name,
    // TODO (step payments-route): paymentsTable and paymentsFunction, as for the other services
    ordersTable: orders.table.name,
    inventoryFunction: inventory.service.name,
    ordersFunction: orders.service.name,
  };
}
