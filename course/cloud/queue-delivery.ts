// How SNS and EventBridge hand a message to a queue: as the service principal
// would call SendMessage, not as the learner or a function. The SQS service
// implements it; the publishers depend only on this.

export interface QueueMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export interface QueueMessage {
  body: string;
  attributes?: Record<string, QueueMessageAttribute>;
  /** required by FIFO queues */
  groupId?: string;
  deduplicationId?: string;
}

export interface QueueDelivery {
  /** Rejects when the queue does not exist or refuses the message (size, attributes). */
  deliver(queueArn: string, message: QueueMessage): Promise<void>;
}
