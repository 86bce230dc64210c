// The notifications service: for each OrderPlaced, one confirmation on the
// customer's channel — a text message if they gave a phone number, mail
// otherwise — published to the topic with the channel as a message attribute.
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
      // What subscription filter policies match on: the body is not looked at
      // unless a subscription's FilterPolicyScope is MessageBody.
      MessageAttributes: { channel: { DataType: "String", StringValue: channel } },
    }),
  );
}
