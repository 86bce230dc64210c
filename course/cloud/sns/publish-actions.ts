// Publish and PublishBatch. A batch answers per entry: entries SNS refuses are
// listed under Failed, the others are published; what is wrong with the batch
// as a whole (empty, too many entries, ids, total size) fails the call.
import { element } from "../iam/query-protocol.ts";
import { invalidParameter, SnsError } from "./errors.ts";
import { publishSize } from "./message-attributes.ts";
import { checkMessage, checkOrdering, MAX_MESSAGE_BYTES, type PublishInput } from "./publish.ts";
import { memberParams, messageAttributesParam, requiredParam } from "./query-input.ts";
import type { SnsState } from "./sns-state.ts";
import { recordsXml } from "./xml-output.ts";

const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

function publishInput(params: URLSearchParams): PublishInput {
  return {
    message: params.get("Message") ?? "",
    subject: params.get("Subject") ?? undefined,
    messageStructure: params.get("MessageStructure") ?? undefined,
    attributes: messageAttributesParam(params),
    groupId: params.get("MessageGroupId") ?? undefined,
    deduplicationId: params.get("MessageDeduplicationId") ?? undefined,
  };
}

export function publish(state: SnsState, params: URLSearchParams): string {
  if (params.has("PhoneNumber")) throw invalidParameter("PhoneNumber Reason: the local cloud does not send SMS");
  const arn = params.get("TopicArn") || params.get("TargetArn");
  if (!arn) throw invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
  const input = publishInput(params);
  checkMessage(input);
  const topic = state.topics.get(arn);
  checkOrdering(topic, input);
  const published = state.publisher.publish(topic, state.subscriptions.byTopic(topic.arn), input);
  return (
    element("MessageId", published.messageId) +
    (published.sequenceNumber ? element("SequenceNumber", published.sequenceNumber) : "")
  );
}

function checkBatch(entries: readonly URLSearchParams[]): void {
  if (entries.length === 0) throw new SnsError("EmptyBatchRequest", "The batch request doesn't contain any entries.");
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new SnsError("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.");
  }
  const ids = entries.map((entry) => entry.get("Id") ?? "");
  if (new Set(ids).size < ids.length) {
    throw new SnsError("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
  }
  if (ids.some((id) => !BATCH_ENTRY_ID.test(id))) {
    throw new SnsError(
      "InvalidBatchEntryId",
      "The Id of a batch entry in a batch request doesn't abide by the specification.",
    );
  }
  const total = entries.reduce((sum, entry) => {
    const input = publishInput(entry);
    return sum + publishSize(input.message, input.attributes);
  }, 0);
  if (total > MAX_MESSAGE_BYTES) {
    throw new SnsError("BatchRequestTooLong", "The length of all the messages put together is more than the limit.");
  }
}

export function publishBatch(state: SnsState, params: URLSearchParams): string {
  const topic = state.topics.get(requiredParam(params, "TopicArn"));
  const entries = memberParams(params, "PublishBatchRequestEntries");
  checkBatch(entries);
  const subscriptions = state.subscriptions.byTopic(topic.arn);
  const successful: Record<string, string | undefined>[] = [];
  const failed: Record<string, string | boolean>[] = [];
  for (const entry of entries) {
    const id = entry.get("Id") ?? "";
    const input = publishInput(entry);
    try {
      checkMessage(input);
      checkOrdering(topic, input);
    } catch (err) {
      if (!(err instanceof SnsError)) throw err;
      failed.push({ Id: id, Code: err.code, Message: err.message, SenderFault: true });
      continue;
    }
    const published = state.publisher.publish(topic, subscriptions, input);
    successful.push({ Id: id, MessageId: published.messageId, SequenceNumber: published.sequenceNumber });
  }
  return recordsXml("Successful", successful) + recordsXml("Failed", failed);
}
