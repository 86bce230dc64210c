import type { LabContext } from "../../infra/load-lab";
import { analyticsService } from "./analytics/infra";
import { inventoryService } from "./inventory/infra";
import { loyaltyService } from "./loyalty/infra";
import { notificationsService } from "./notifications/infra";
import { ordersService } from "./orders/infra";
import { paymentsService } from "./payments/infra";

/**
 * Lab 04: the shop's services talk through events. Orders puts OrderPlaced on
 * the ShopBus; analytics, loyalty and notifications each subscribe with
 * a pattern they own. Notifications fans out through an SNS topic to a queue
 * per channel, each subscription with a filter policy.
 */
export default function infra({ dir }: LabContext) {
  const api = new sst.aws.ApiGatewayV2("Api");
  api.route("GET /v1/health", { handler: `${dir}/shared/health.handler`, timeout: "5 seconds", memory: "128 MB" });
  const bus = new sst.aws.Bus("ShopBus");

  const inventory = inventoryService(api, dir);
  const payments = paymentsService(api, dir);
  const orders = ordersService(api, bus, dir);
  const analytics = analyticsService(bus, dir);
  const loyalty = loyaltyService(bus, dir);
  const notifications = notificationsService(bus, dir);

  return {
    api: api.url,
    bus: bus.name,
    ordersTable: orders.table.name,
    inventoryTable: inventory.table.name,
    paymentsTable: payments.table.name,
    analyticsTable: analytics.table.name,
    loyaltyTable: loyalty.table.name,
    loyaltyRule: loyalty.rule,
    emailQueue: notifications.emailQueue.url,
    smsQueue: notifications.smsQueue.url,
  };
}
