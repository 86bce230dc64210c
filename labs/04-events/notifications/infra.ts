/**
 * The notifications team's service. It subscribes to OrderPlaced on the bus
 * and publishes one message per order to an SNS topic; the topic fans out to
 * a queue per channel, and each queue's subscription has a filter policy that
 * lets through only its channel's messages. Whoever sends mail or texts reads
 * its own queue, at its own pace.
 */
export function notificationsService(bus: sst.aws.Bus, dir: string) {
  const topic = new sst.aws.SnsTopic("CustomerNotifications");
  const emailQueue = new sst.aws.Queue("EmailQueue");
  const smsQueue = new sst.aws.Queue("SmsQueue");

  // TODO (step notify-fanout): a topic copies every message to every
  // subscription, so each queue gets every customer's message. Give each
  // subscription a filter policy that lets through only its channel.
  topic.subscribeQueue("Email", emailQueue.arn);
  topic.subscribeQueue("Sms", smsQueue.arn);

  const service = new sst.aws.Function("NotificationsService", {
    handler: `${dir}/notifications/handler.handler`,
    link: [topic],
    timeout: "5 seconds",
    memory: "128 MB",
  });
  bus.subscribe("Notify", service.arn, { pattern: { source: ["shop.orders"], detailType: ["OrderPlaced"] } });
  return { topic, emailQueue, smsQueue, service };
}
