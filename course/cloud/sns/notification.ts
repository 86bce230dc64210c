// What a subscriber receives: the SNS notification document, as a queue gets
// it in the message body, and the event a function is invoked with
// (Records[0].Sns, whose URL fields are spelled "Url" rather than "URL").
// The signature cannot be AWS's: it is a digest in a signature's place, and
// the certificate and unsubscribe URLs have AWS's shape.
import { createHash } from "node:crypto";
import { REGION } from "../../aws/identity.ts";
import { type MessageAttributes, notificationAttributes } from "./message-attributes.ts";

export interface Notification {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly subject: string | undefined;
  readonly message: string;
  /** ISO 8601 with milliseconds, as SNS writes it */
  readonly timestamp: string;
  readonly attributes: MessageAttributes;
  /** FIFO topics only */
  readonly sequenceNumber: string | undefined;
}

const SIGNING_CERT_URL = `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-local-cloud.pem`;

function signature(notification: Notification): string {
  return createHash("sha256")
    .update(`${notification.messageId}\n${notification.message}\n${notification.timestamp}`)
    .digest("base64");
}

const unsubscribeUrl = (notification: Notification): string =>
  `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${notification.subscriptionArn}`;

/** The JSON body a queue receives when RawMessageDelivery is false. */
export function queueNotification(notification: Notification): string {
  const attributes = notificationAttributes(notification.attributes);
  return JSON.stringify({
    Type: "Notification",
    MessageId: notification.messageId,
    ...(notification.sequenceNumber ? { SequenceNumber: notification.sequenceNumber } : {}),
    TopicArn: notification.topicArn,
    ...(notification.subject !== undefined ? { Subject: notification.subject } : {}),
    Message: notification.message,
    Timestamp: notification.timestamp,
    SignatureVersion: "1",
    Signature: signature(notification),
    SigningCertURL: SIGNING_CERT_URL,
    UnsubscribeURL: unsubscribeUrl(notification),
    ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
  });
}

/** The event a subscribed function is invoked with. */
export function lambdaEvent(notification: Notification): string {
  return JSON.stringify({
    Records: [
      {
        EventSource: "aws:sns",
        EventVersion: "1.0",
        EventSubscriptionArn: notification.subscriptionArn,
        Sns: {
          Type: "Notification",
          MessageId: notification.messageId,
          TopicArn: notification.topicArn,
          Subject: notification.subject ?? null,
          Message: notification.message,
          Timestamp: notification.timestamp,
          SignatureVersion: "1",
          Signature: signature(notification),
          SigningCertUrl: SIGNING_CERT_URL,
          UnsubscribeUrl: unsubscribeUrl(notification),
          MessageAttributes: notificationAttributes(notification.attributes),
        },
      },
    ],
  });
}
