// Publish: a message checked as SNS checks it, then handed to every
// subscription of its topic whose filter policy lets it through, without
// holding up the caller's MessageId.
import { createHash, randomUUID } from "node:crypto";
import type { AsyncDelivery } from "../async-delivery.ts";
import { invalidParameter } from "./errors.ts";
import { acceptsMessage } from "./filter-match.ts";
import { checkMessageAttributes, type MessageAttributes, publishSize } from "./message-attributes.ts";
import { lambdaEvent, type Notification, queueNotification } from "./notification.ts";
import type { Subscription } from "./subscriptions.ts";
import { nextSequenceNumber, type Topic } from "./topics.ts";

/** "The maximum message size is 262,144 bytes (256 KiB)", attributes included. */
export const MAX_MESSAGE_BYTES = 262_144;
const MAX_SUBJECT_LENGTH = 100;

export interface PublishInput {
  readonly message: string;
  readonly subject: string | undefined;
  readonly messageStructure: string | undefined;
  readonly attributes: MessageAttributes;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
}

export interface Published {
  readonly messageId: string;
  readonly sequenceNumber: string | undefined;
}

/** MessageStructure "json": one message per protocol, "default" for the rest. */
function messagesByProtocol(input: PublishInput): Record<string, string> {
  if (input.messageStructure === undefined) return { default: input.message };
  if (input.messageStructure !== "json") throw invalidParameter("MessageStructure");
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.message);
  } catch {
    throw invalidParameter("Message Structure - JSON message body failed to parse");
  }
  const messages = Object.fromEntries(
    Object.entries(parsed ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  if (messages.default === undefined)
    throw invalidParameter("Message Structure - No default entry in JSON message body");
  return messages;
}

/** Throws the error SNS answers a Publish of `input` with, whatever the topic. */
export function checkMessage(input: PublishInput): void {
  if (input.subject !== undefined && (input.subject.trim() === "" || input.subject.length > MAX_SUBJECT_LENGTH)) {
    throw invalidParameter("Subject");
  }
  if (input.message === "") throw invalidParameter("Empty message");
  checkMessageAttributes(input.attributes);
  if (publishSize(input.message, input.attributes) > MAX_MESSAGE_BYTES) throw invalidParameter("Message too long");
  messagesByProtocol(input);
}

/** Throws the error SNS answers with when `input` lacks (or has) what ordering on `topic` needs. */
export function checkOrdering(topic: Topic, input: PublishInput): void {
  if (!topic.fifo) {
    if (input.deduplicationId !== undefined) {
      throw invalidParameter(
        "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
      );
    }
    return;
  }
  if (!input.groupId) throw invalidParameter("The MessageGroupId parameter is required for FIFO topics");
  if (!input.deduplicationId && topic.attributes.get("ContentBasedDeduplication") !== "true") {
    throw invalidParameter(
      "The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
  }
}

export class Publisher {
  readonly #delivery: AsyncDelivery;

  constructor(delivery: AsyncDelivery) {
    this.#delivery = delivery;
  }

  /** Fans a checked message out to `subscriptions` and answers with its MessageId. */
  publish(topic: Topic, subscriptions: readonly Subscription[], input: PublishInput): Published {
    const messages = messagesByProtocol(input);
    const messageId = randomUUID();
    const sequenceNumber = topic.fifo ? nextSequenceNumber(topic) : undefined;
    const timestamp = new Date().toISOString();
    for (const subscription of subscriptions) {
      const message = messages[subscription.protocol] ?? messages.default ?? input.message;
      const { settings } = subscription;
      if (!acceptsMessage(settings.filterPolicy, { body: message, attributes: input.attributes })) continue;
      const notification: Notification = {
        messageId,
        topicArn: topic.arn,
        subscriptionArn: subscription.arn,
        subject: input.subject,
        message,
        timestamp,
        attributes: input.attributes,
        sequenceNumber,
      };
      const what = `sns: delivery of message ${messageId} from topic ${topic.name} to ${subscription.endpoint}`;
      if (subscription.protocol === "lambda") {
        this.#delivery.toFunction(subscription.endpoint, lambdaEvent(notification), what);
        continue;
      }
      this.#delivery.toQueue(
        subscription.endpoint,
        {
          body: settings.rawMessageDelivery ? message : queueNotification(notification),
          ...(settings.rawMessageDelivery ? { attributes: input.attributes } : {}),
          // A FIFO topic may also deliver to standard queues, which take no ordering ids.
          ...(topic.fifo && subscription.endpoint.endsWith(".fifo")
            ? { groupId: input.groupId, deduplicationId: deduplicationId(input, message) }
            : {}),
        },
        what,
      );
    }
    return { messageId, sequenceNumber };
  }
}

/** The MessageDeduplicationId given, or with content-based deduplication the SHA-256 of the message. */
function deduplicationId(input: PublishInput, message: string): string {
  return input.deduplicationId ?? createHash("sha256").update(message).digest("hex");
}
