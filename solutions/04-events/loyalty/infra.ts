/**
 * The loyalty team's service: points for big orders. It owns its subscription
 * and the subscription's pattern: the bus invokes loyalty only for the events
 * the pattern matches, so loyalty runs (and pays) only for the orders it
 * cares about.
 */
export function loyaltyService(bus: sst.aws.Bus, dir: string) {
  const table = new sst.aws.Dynamo("Loyalty", {
    fields: { customer: "string" },
    primaryIndex: { hashKey: "customer" },
  });
  const service = new sst.aws.Function("LoyaltyService", {
    handler: `${dir}/loyalty/handler.handler`,
    link: [table],
    timeout: "5 seconds",
    memory: "128 MB",
  });
  const subscription = bus.subscribe("Loyalty", service.arn, {
    pattern: {
      source: ["shop.orders"],
      detailType: ["OrderPlaced"],
      detail: { totalCents: [{ numeric: [">=", 5000] }] },
    },
  });
  return { table, service, rule: subscription.apply((s) => s.nodes.rule.name) };
}
