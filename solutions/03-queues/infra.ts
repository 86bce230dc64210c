import type { LabContext } from "../../infra/load-lab";
import { inventoryService } from "./inventory/infra";
import { ordersService } from "./orders/infra";
import { paymentsService } from "./payments/infra";
import { shippingService } from "./shipping/infra";

/**
 * Lab 03: the shop of chapter 02, and shipping behind a queue. Orders answers
 * as soon as the order is stored and its OrderPlaced message is on the
 * Fulfilment queue; shipping takes it from there, at its own pace.
 */
export default function infra({ dir }: LabContext) {
  const api = new sst.aws.ApiGatewayV2("Api");
  api.route("GET /v1/health", { handler: `${dir}/shared/health.handler`, timeout: "5 seconds", memory: "128 MB" });

  inventoryService(api, dir);
  paymentsService(api, dir);
  const shipping = shippingService(api, dir);
  const orders = ordersService(api, dir, shipping.queue);

  return {
    api: api.url,
    ordersTable: orders.table.name,
    fulfilmentQueue: shipping.queue.url,
    deadLetterQueue: shipping.deadLetters.url,
    shipmentsTable: shipping.shipments.name,
    carrierCallsTable: shipping.carrierCalls.name,
    shippingConsumer: shipping.consumer.name,
  };
}
