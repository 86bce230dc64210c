// GetQueueAttributes: the queue's settings plus what SQS computes (counts,
// timestamps, ARN), for "All" or for the names asked.
import { invalidAttributeName } from "./errors.ts";
import type { Queue } from "./queue.ts";

const COMPUTED = [
  "QueueArn",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
] as const;

const KNOWN = new Set<string>([
  ...COMPUTED,
  "All",
  "FifoQueue",
  "VisibilityTimeout",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "DelaySeconds",
  "ReceiveMessageWaitTimeSeconds",
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "Policy",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
  "SqsManagedSseEnabled",
  "ContentBasedDeduplication",
  "DeduplicationScope",
  "FifoThroughputLimit",
]);

function allAttributes(queue: Queue): Record<string, string> {
  const counts = queue.counts();
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inflight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(queue.createdTimestamp),
    LastModifiedTimestamp: String(queue.lastModifiedTimestamp),
    ...queue.attributes,
    ...(queue.fifo ? { FifoQueue: "true" } : {}),
  };
}

/** the attributes named (unknown names are refused; known ones the queue lacks are left out) */
export function queueAttributeValues(queue: Queue, names: readonly string[]): Record<string, string> {
  for (const name of names) if (!KNOWN.has(name)) throw invalidAttributeName(name);
  const all = allAttributes(queue);
  if (names.includes("All")) return all;
  return Object.fromEntries(names.filter((name) => all[name] !== undefined).map((name) => [name, all[name]!]));
}
