// SendMessage's checks and the message it stores: what depends on the kind of
// queue (FIFO's group and deduplication ids, per-message delays) is decided here.
import { createHash, randomUUID } from "node:crypto";
import { md5Hex, md5OfAttributes } from "./checksums.ts";
import type { Clock } from "./clock.ts";
import { invalidParameterValue, invalidValueFor, missingParameter } from "./errors.ts";
import type { MessageAttribute, StoredMessage } from "./message.ts";
import { checkCharacters, checkSize, messageSize } from "./message-contents.ts";
import type { Queue } from "./queue.ts";

export interface SendInput {
  body: string;
  delaySeconds?: number;
  attributes: Record<string, MessageAttribute>;
  systemAttributes: Record<string, MessageAttribute>;
  groupId?: string;
  deduplicationId?: string;
}

export interface SendResult {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  md5OfSystemAttributes?: string;
  sequenceNumber?: string;
}

const MAX_DELAY_SECONDS = 900;
/** MessageGroupId and MessageDeduplicationId: 1 to 128 alphanumeric or punctuation characters */
const GROUP_OR_DEDUPLICATION_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;
const NOT_FOR_THIS_QUEUE = "The request include parameter that is not valid for this queue type.";

function checkId(name: string, value: string): void {
  if (!GROUP_OR_DEDUPLICATION_ID.test(value)) {
    throw invalidValueFor(
      name,
      value,
      `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
}

function checkDelay(queue: Queue, delaySeconds: number | undefined): void {
  if (delaySeconds === undefined) return;
  if (queue.fifo && delaySeconds !== 0) throw invalidValueFor("DelaySeconds", delaySeconds, NOT_FOR_THIS_QUEUE);
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
    throw invalidValueFor("DelaySeconds", delaySeconds, "DelaySeconds must be >= 0 and <= 900.");
  }
}

/** the FIFO deduplication key of a message, or undefined on a standard queue */
function deduplicationKey(queue: Queue, input: SendInput): string | undefined {
  if (!queue.fifo) {
    if (input.deduplicationId !== undefined) {
      throw invalidValueFor("MessageDeduplicationId", input.deduplicationId, NOT_FOR_THIS_QUEUE);
    }
    return undefined;
  }
  if (input.groupId === undefined) throw missingParameter("MessageGroupId");
  let id = input.deduplicationId;
  if (id === undefined) {
    if (!queue.settings.contentBasedDeduplication) {
      throw invalidParameterValue(
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
      );
    }
    id = createHash("sha256").update(input.body, "utf8").digest("hex");
  }
  input.deduplicationId = id;
  return queue.settings.deduplicationScope === "messageGroup" ? `${input.groupId}\u0000${id}` : id;
}

/** Checks everything SendMessage checks; throws the SqsError AWS would answer. */
function checkSend(queue: Queue, input: SendInput): void {
  if (input.body === "") throw missingParameter("MessageBody");
  checkCharacters(input.body);
  checkSize(messageSize(input.body, input.attributes), queue.settings.maximumMessageSize);
  checkDelay(queue, input.delaySeconds);
  if (input.groupId !== undefined) checkId("MessageGroupId", input.groupId);
  if (input.deduplicationId !== undefined) checkId("MessageDeduplicationId", input.deduplicationId);
}

/** Stores the message (unless FIFO deduplication drops it) and answers as SendMessage does. */
export function sendMessage(queue: Queue, input: SendInput, senderId: string, clock: Clock): SendResult {
  checkSend(queue, input);
  const key = deduplicationKey(queue, input);
  const checksums = {
    md5OfBody: md5Hex(input.body),
    md5OfAttributes: md5OfAttributes(input.attributes),
    md5OfSystemAttributes: md5OfAttributes(input.systemAttributes),
  };
  const duplicate = key === undefined ? undefined : queue.duplicateOf(key);
  if (duplicate) return { messageId: duplicate.messageId, sequenceNumber: duplicate.sequenceNumber, ...checksums };

  const now = clock.now();
  const message: StoredMessage = {
    id: randomUUID(),
    body: input.body,
    attributes: input.attributes,
    systemAttributes: input.systemAttributes,
    ...checksums,
    senderId,
    sentTimestamp: Date.now(),
    enqueuedAt: now,
    visibleAt: now + clock.ms(input.delaySeconds ?? queue.settings.delaySeconds),
    receiveCount: 0,
    groupId: input.groupId,
    deduplicationId: queue.fifo ? input.deduplicationId : undefined,
    sequenceNumber: queue.fifo ? queue.nextSequenceNumber() : undefined,
  };
  queue.add(message);
  if (key !== undefined) queue.rememberDeduplication(key, message.id, message.sequenceNumber);
  return { messageId: message.id, sequenceNumber: message.sequenceNumber, ...checksums };
}
