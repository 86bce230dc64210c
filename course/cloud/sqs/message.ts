// A message as the queue keeps it, and what one receive hands out.

export interface MessageAttribute {
  /** "String", "Number", "Binary", or one of them with a custom label: "String.url" */
  dataType: string;
  stringValue?: string;
  binaryValue?: Buffer;
}

export interface StoredMessage {
  id: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, MessageAttribute>;
  md5OfAttributes?: string;
  /** AWSTraceHeader, the one system attribute a sender may set */
  systemAttributes: Record<string, MessageAttribute>;
  md5OfSystemAttributes?: string;
  senderId: string;
  /** epoch ms */
  sentTimestamp: number;
  /** engine clock ms the retention period counts from */
  enqueuedAt: number;
  /** engine clock ms from which a receive may return it */
  visibleAt: number;
  receiveCount: number;
  /** epoch ms */
  firstReceiveTimestamp?: number;
  /** engine clock ms of the latest receive: the 12-hour visibility limit counts from it */
  receivedAt?: number;
  /** changes with every receive: only the latest receipt handle deletes */
  receipt?: string;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  /** set when the message was moved here by a redrive policy */
  deadLetterSourceArn?: string;
}

/** A received message: a snapshot, so later receives do not change it. */
export interface ReceivedMessage {
  id: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, MessageAttribute>;
  systemAttributes: Record<string, MessageAttribute>;
  /** SQS's system attributes, as strings: SenderId, SentTimestamp, ApproximateReceiveCount, … */
  system: Record<string, string>;
}

export type MessageState = "visible" | "inflight" | "delayed";

export function stateOf(message: StoredMessage, now: number): MessageState {
  if (message.visibleAt <= now) return "visible";
  return message.receiveCount > 0 ? "inflight" : "delayed";
}
