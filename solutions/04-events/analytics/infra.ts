/**
 * The analytics team's service: it wants every event the shop puts on the bus,
 * whoever put it, so its pattern matches the "shop." prefix of every source.
 * Matching broadly is its choice to make, for itself alone.
 */
export function analyticsService(bus: sst.aws.Bus, dir: string) {
  const table = new sst.aws.Dynamo("Analytics", {
    fields: { eventId: "string" },
    primaryIndex: { hashKey: "eventId" },
  });
  const service = new sst.aws.Function("AnalyticsService", {
    handler: `${dir}/analytics/handler.handler`,
    link: [table],
    timeout: "5 seconds",
    memory: "128 MB",
  });
  bus.subscribe("Analytics", service.arn, { pattern: { source: [{ prefix: "shop." }] } });
  return { table, service };
}
