// The notifications service: for each OrderPlaced, one confirmation on the
// customer's channel — a text message if they gave a phone number, mail
// otherwise — published to the topic.
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import type { EventBridgeEvent } from "aws-lambda";
import { Resource } from "sst";
import type { OrderPlaced } from "../orders/events";

const sns = new SNSClient({});

export async function handler(event: EventBridgeEvent<"OrderPlaced", OrderPlaced>): Promise<void> {
  const { orderId, email, phone } = event.detail;
  const channel = phone ? "sms" : "email";
  const message = { orderId, channel, to: phone ?? email, text: `Thank you! Your order ${orderId} is confirmed.` };
  await sns.send(
    new PublishCommand({
      TopicArn: Resource.CustomerNotifications.arn,
      Message: JSON.stringify(message),
      // TODO (step notify-fanout): subscription filter policies match the
      // message's attributes, not its body (unless a subscription's scope says
      // MessageBody). Give each message a `channel` attribute.
    }),
  );
}
