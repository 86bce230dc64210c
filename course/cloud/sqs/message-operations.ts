// The data plane: sending, receiving, deleting and hiding messages, one at a
// time or in batches of up to ten.
import { type BatchResult, checkEntries, eachEntry } from "./batch.ts";
import { md5OfAttributes } from "./checksums.ts";
import { MAX_VISIBILITY_TIMEOUT } from "./engine.ts";
import { batchRequestTooLong, invalidAttributeName, SqsError } from "./errors.ts";
import type { MessageAttribute, ReceivedMessage } from "./message.ts";
import { parseMessageAttributes, parseSystemAttributes, selectAttributes } from "./message-attributes.ts";
import { messageSize } from "./message-contents.ts";
import type { Operation, OperationContext, Output } from "./operation.ts";
import {
  type Input,
  integerWithin,
  objectList,
  optionalInteger,
  optionalString,
  requiredInteger,
  requiredString,
  stringList,
} from "./params.ts";
import { queueNameOf } from "./queue-url.ts";
import type { SendInput, SendResult } from "./send-message.ts";

const SYSTEM_ATTRIBUTE_NAMES = new Set([
  "All",
  "SenderId",
  "SentTimestamp",
  "ApproximateReceiveCount",
  "ApproximateFirstReceiveTimestamp",
  "SequenceNumber",
  "MessageDeduplicationId",
  "MessageGroupId",
  "AWSTraceHeader",
  "DeadLetterQueueSourceArn",
]);

const queueName = (input: Input, context: OperationContext): string =>
  queueNameOf(optionalString(input, "QueueUrl"), context.path);

function sendInput(input: Input): SendInput {
  return {
    body: optionalString(input, "MessageBody") ?? "",
    delaySeconds: optionalInteger(input, "DelaySeconds"),
    attributes: parseMessageAttributes(input.MessageAttributes),
    systemAttributes: parseSystemAttributes(input.MessageSystemAttributes),
    groupId: optionalString(input, "MessageGroupId"),
    deduplicationId: optionalString(input, "MessageDeduplicationId"),
  };
}

function sendOutput(result: SendResult): Output {
  return {
    MD5OfMessageBody: result.md5OfBody,
    MD5OfMessageAttributes: result.md5OfAttributes,
    MD5OfMessageSystemAttributes: result.md5OfSystemAttributes,
    MessageId: result.messageId,
    SequenceNumber: result.sequenceNumber,
  };
}

const wireAttributes = (attributes: Record<string, MessageAttribute>) =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]) => [
      name,
      {
        DataType: attribute.dataType,
        StringValue: attribute.stringValue,
        BinaryValue: attribute.binaryValue?.toString("base64"),
      },
    ]),
  );

function messageOutput(message: ReceivedMessage, systemNames: string[], attributeNames: string[]): Output {
  const all = systemNames.includes("All");
  const system = Object.fromEntries(
    Object.entries(message.system).filter(([name]) => all || systemNames.includes(name)),
  );
  const attributes = selectAttributes(message.attributes, attributeNames);
  const hasAttributes = Object.keys(attributes).length > 0;
  return {
    MessageId: message.id,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    Attributes: Object.keys(system).length > 0 ? system : undefined,
    MD5OfMessageAttributes: hasAttributes ? md5OfAttributes(attributes) : undefined,
    MessageAttributes: hasAttributes ? wireAttributes(attributes) : undefined,
  };
}

/** a batch's queue and its entries, checked */
function batchOf(input: Input, context: OperationContext, entryName: string): { name: string; entries: Input[] } {
  const name = queueName(input, context);
  context.engine.queue(name);
  const entries = objectList(input, "Entries");
  checkEntries(entries, entryName);
  return { name, entries };
}

/** DeleteMessageBatch and ChangeMessageVisibilityBatch: `apply` to each entry's receipt handle */
function eachReceipt(
  input: Input,
  context: OperationContext,
  entryName: string,
  apply: (queueName: string, receiptHandle: string, entry: Input) => void,
): Output {
  const { name, entries } = batchOf(input, context, entryName);
  return {
    ...eachEntry(entries, (entry, id) => {
      apply(name, requiredString(entry, "ReceiptHandle"), entry);
      return { Id: id };
    }),
  };
}

/** Parses every entry first, so the batch's total size is known before anything is sent. */
function sendBatch(input: Input, context: OperationContext): BatchResult<Output> {
  const { name, entries } = batchOf(input, context, "SendMessageBatchRequestEntry");
  const queue = context.engine.queue(name);
  const parsed = new Map<Input, SendInput | SqsError>();
  let total = 0;
  for (const entry of entries) {
    try {
      const send = sendInput(entry);
      total += messageSize(send.body, send.attributes);
      parsed.set(entry, send);
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      total += Buffer.byteLength(String(entry.MessageBody ?? ""), "utf8");
      parsed.set(entry, error);
    }
  }
  const limit = queue.settings.maximumMessageSize;
  if (total > limit) throw batchRequestTooLong(limit, total);
  return eachEntry(entries, (entry, id) => {
    const send = parsed.get(entry)!;
    if (send instanceof SqsError) throw send;
    return { Id: id, ...sendOutput(context.engine.send(name, send, context.senderId)) };
  });
}

export const messageOperations: Record<string, Operation> = {
  SendMessage(input, context) {
    return sendOutput(context.engine.send(queueName(input, context), sendInput(input), context.senderId));
  },

  SendMessageBatch: (input, context) => ({ ...sendBatch(input, context) }),

  async ReceiveMessage(input, context) {
    const name = queueName(input, context);
    context.engine.queue(name);
    const max = integerWithin(input, "MaxNumberOfMessages", 1, 10, "Must be between 1 and 10, if provided.");
    const waitSeconds = integerWithin(input, "WaitTimeSeconds", 0, 20, "Must be >= 0 and <= 20, if provided.");
    const visibilityTimeout = integerWithin(
      input,
      "VisibilityTimeout",
      0,
      MAX_VISIBILITY_TIMEOUT,
      "Must be between 0 and 43200, if provided.",
    );
    const systemNames = [...stringList(input, "AttributeNames"), ...stringList(input, "MessageSystemAttributeNames")];
    for (const system of systemNames) if (!SYSTEM_ATTRIBUTE_NAMES.has(system)) throw invalidAttributeName(system);
    const attributeNames = stringList(input, "MessageAttributeNames");
    const messages = await context.engine.receive(name, { max: max ?? 1, waitSeconds, visibilityTimeout });
    if (messages.length === 0) return {};
    return { Messages: messages.map((message) => messageOutput(message, systemNames, attributeNames)) };
  },

  DeleteMessage(input, context) {
    context.engine.deleteMessage(queueName(input, context), requiredString(input, "ReceiptHandle"));
    return {};
  },

  DeleteMessageBatch: (input, context) =>
    eachReceipt(input, context, "DeleteMessageBatchRequestEntry", (name, handle) =>
      context.engine.deleteMessage(name, handle),
    ),

  ChangeMessageVisibility(input, context) {
    const handle = requiredString(input, "ReceiptHandle");
    context.engine.changeVisibility(queueName(input, context), handle, requiredInteger(input, "VisibilityTimeout"));
    return {};
  },

  ChangeMessageVisibilityBatch: (input, context) =>
    eachReceipt(input, context, "ChangeMessageVisibilityBatchRequestEntry", (name, handle, entry) =>
      context.engine.changeVisibility(name, handle, requiredInteger(entry, "VisibilityTimeout")),
    ),
};
