// A queue's settable attributes (CreateQueue, SetQueueAttributes): checked
// against SQS's ranges, kept as the strings GetQueueAttributes returns, and
// read as typed settings by the engine.
import { invalidAttributeName, invalidAttributeValue } from "./errors.ts";

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export interface QueueSettings {
  visibilityTimeout: number;
  delaySeconds: number;
  receiveWaitTimeSeconds: number;
  retentionSeconds: number;
  maximumMessageSize: number;
  redrive?: RedrivePolicy;
  contentBasedDeduplication: boolean;
  /** FIFO: whether deduplication ids are unique per queue or per message group */
  deduplicationScope: "queue" | "messageGroup";
}

type Check = (value: string, name: string) => string;

const integer =
  (min: number, max: number): Check =>
  (value, name) => {
    if (!/^-?\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) throw invalidAttributeValue(name);
    return String(Number(value));
  };

const boolean: Check = (value, name) => {
  const lower = value.toLowerCase();
  if (lower !== "true" && lower !== "false") throw invalidAttributeValue(name);
  return lower;
};

const oneOf =
  (...allowed: string[]): Check =>
  (value, name) => {
    if (!allowed.includes(value)) throw invalidAttributeValue(name);
    return value;
  };

const json: Check = (value, name) => {
  try {
    JSON.parse(value);
  } catch {
    throw invalidAttributeValue(name, "the value is not valid JSON");
  }
  return value;
};

const redrivePolicy: Check = (value, name) => {
  if (value === "") return "";
  let parsed: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalidAttributeValue(name, "Redrive policy is not a valid JSON map.");
  }
  const arn = parsed.deadLetterTargetArn;
  const count = Number(parsed.maxReceiveCount);
  if (typeof arn !== "string" || !arn.startsWith("arn:aws:sqs:")) {
    throw invalidAttributeValue(name, "Invalid value for deadLetterTargetArn.");
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalidAttributeValue(name, "Invalid value for maxReceiveCount: must be an integer from 1 to 1000.");
  }
  return JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: count });
};

const ANY_QUEUE: Record<string, Check> = {
  DelaySeconds: integer(0, 900),
  MaximumMessageSize: integer(1024, 1_048_576),
  MessageRetentionPeriod: integer(60, 1_209_600),
  ReceiveMessageWaitTimeSeconds: integer(0, 20),
  VisibilityTimeout: integer(0, 43_200),
  RedrivePolicy: redrivePolicy,
  RedriveAllowPolicy: json,
  Policy: json,
  KmsMasterKeyId: (value) => value,
  KmsDataKeyReusePeriodSeconds: integer(60, 86_400),
  SqsManagedSseEnabled: boolean,
};

const FIFO_ONLY: Record<string, Check> = {
  ContentBasedDeduplication: boolean,
  DeduplicationScope: oneOf("queue", "messageGroup"),
  FifoThroughputLimit: oneOf("perQueue", "perMessageGroupId"),
};

export const DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
  VisibilityTimeout: "30",
  MaximumMessageSize: "262144",
  MessageRetentionPeriod: "345600",
  DelaySeconds: "0",
  ReceiveMessageWaitTimeSeconds: "0",
  SqsManagedSseEnabled: "true",
};

export const DEFAULT_FIFO_ATTRIBUTES: Readonly<Record<string, string>> = {
  ContentBasedDeduplication: "false",
  DeduplicationScope: "queue",
  FifoThroughputLimit: "perQueue",
};

/** Attributes as the queue keeps them; FifoQueue is the caller's business (it is fixed at creation). */
export function checkAttributes(input: Record<string, string>, fifo: boolean): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (name === "FifoQueue") continue;
    const check = ANY_QUEUE[name] ?? (fifo ? FIFO_ONLY[name] : undefined);
    if (!check) throw invalidAttributeName(name);
    checked[name] = check(String(value), name);
  }
  return checked;
}

/** Applies checked attributes; an empty RedrivePolicy or Policy removes it. */
export function mergeAttributes(current: Record<string, string>, changes: Record<string, string>): void {
  for (const [name, value] of Object.entries(changes)) {
    if (value === "" && (name === "RedrivePolicy" || name === "Policy" || name === "RedriveAllowPolicy")) {
      delete current[name];
    } else {
      current[name] = value;
    }
  }
}

export function settingsOf(attributes: Record<string, string>): QueueSettings {
  const number = (name: string) => Number(attributes[name] ?? DEFAULT_ATTRIBUTES[name]);
  const redrive = attributes.RedrivePolicy ? (JSON.parse(attributes.RedrivePolicy) as RedrivePolicy) : undefined;
  return {
    visibilityTimeout: number("VisibilityTimeout"),
    delaySeconds: number("DelaySeconds"),
    receiveWaitTimeSeconds: number("ReceiveMessageWaitTimeSeconds"),
    retentionSeconds: number("MessageRetentionPeriod"),
    maximumMessageSize: number("MaximumMessageSize"),
    redrive,
    contentBasedDeduplication: attributes.ContentBasedDeduplication === "true",
    deduplicationScope: attributes.DeduplicationScope === "messageGroup" ? "messageGroup" : "queue",
  };
}
