// SQS in memory: the queues of one account and region, the control plane
// (create, attributes, tags, purge, delete) and the message operations, with
// long polls that end as soon as a message can be received.
import { ACCOUNT, REGION } from "../../aws/identity.ts";
import { Clock } from "./clock.ts";
import {
  invalidAttributeValue,
  invalidParameterValue,
  invalidValueFor,
  messageNotInflight,
  purgeQueueInProgress,
  queueDeletedRecently,
  queueDoesNotExist,
  queueNameExists,
  receiptHandleIsInvalid,
} from "./errors.ts";
import type { ReceivedMessage, StoredMessage } from "./message.ts";
import { Queue } from "./queue.ts";
import {
  checkAttributes,
  DEFAULT_ATTRIBUTES,
  DEFAULT_FIFO_ATTRIBUTES,
  mergeAttributes,
  settingsOf,
} from "./queue-attributes.ts";
import { decodeReceipt, encodeReceipt } from "./receipt-handle.ts";
import { type SendInput, type SendResult, sendMessage } from "./send-message.ts";

export const MAX_VISIBILITY_TIMEOUT = 43_200;
/** PurgeQueue once a minute per queue; a deleted name is free again after a minute */
const QUIET_PERIOD_SECONDS = 60;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export interface ReceiveOptions {
  /** 1 to 10 */
  max: number;
  /** seconds; the queue's VisibilityTimeout when absent */
  visibilityTimeout?: number;
  /** seconds of long polling; the queue's ReceiveMessageWaitTimeSeconds when absent */
  waitSeconds?: number;
  signal?: AbortSignal;
}

export interface CreateOptions {
  tags?: Record<string, string>;
  /**
   * The graph's queues are what SST deployed: their dead-letter queues may come
   * later in the list, and a queue the graph remade is not "deleted recently".
   */
  fromGraph?: boolean;
}

export interface EngineOptions {
  /** base of queue URLs, e.g. http://127.0.0.1:4566 */
  edgeUrl: string;
  /** below 1 runs every SQS duration faster (tests only) */
  timeScale?: number;
}

export class SqsEngine {
  readonly clock: Clock;
  readonly #edgeUrl: string;
  readonly #queues = new Map<string, Queue>();
  readonly #deletedAt = new Map<string, number>();
  #closed = false;

  constructor(options: EngineOptions) {
    this.clock = new Clock(options.timeScale);
    this.#edgeUrl = options.edgeUrl.replace(/\/+$/, "");
  }

  queueUrl(name: string): string {
    return `${this.#edgeUrl}/${ACCOUNT}/${name}`;
  }

  queueArn(name: string): string {
    return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
  }

  queue(name: string): Queue {
    const queue = this.#queues.get(name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  queueByArn(arn: string): Queue | undefined {
    const name = arn.split(":").at(-1) ?? "";
    const queue = this.#queues.get(name);
    return queue?.arn === arn ? queue : undefined;
  }

  queues(): Queue[] {
    return [...this.#queues.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /**
   * CreateQueue: the existing queue when every attribute given matches it,
   * QueueAlreadyExists when one differs.
   */
  createQueue(name: string, input: Record<string, string>, options: CreateOptions = {}): Queue {
    const fifo = checkQueueName(name, input.FifoQueue);
    const checked = checkAttributes(input, fifo);
    const existing = this.#queues.get(name);
    if (existing) {
      const current = { ...DEFAULT_ATTRIBUTES, ...(fifo ? DEFAULT_FIFO_ATTRIBUTES : {}), ...existing.attributes };
      const differing = Object.keys(checked).find((key) => current[key] !== checked[key]);
      if (differing) throw queueNameExists(differing);
      return existing;
    }
    const deletedAt = this.#deletedAt.get(name);
    if (options.fromGraph) {
      this.#deletedAt.delete(name);
    } else {
      if (deletedAt !== undefined && this.clock.now() - deletedAt < this.clock.ms(QUIET_PERIOD_SECONDS)) {
        throw queueDeletedRecently();
      }
      this.#checkRedriveTarget(fifo, checked.RedrivePolicy);
    }
    const attributes = { ...DEFAULT_ATTRIBUTES, ...(fifo ? DEFAULT_FIFO_ATTRIBUTES : {}) };
    mergeAttributes(attributes, checked);
    const queue = new Queue({
      name,
      arn: this.queueArn(name),
      url: this.queueUrl(name),
      fifo,
      attributes,
      clock: this.clock,
    });
    queue.tags = { ...options.tags };
    this.#queues.set(name, queue);
    return queue;
  }

  setQueueAttributes(name: string, input: Record<string, string>, options: CreateOptions = {}): void {
    const queue = this.queue(name);
    if (input.FifoQueue !== undefined && input.FifoQueue.toLowerCase() !== String(queue.fifo)) {
      throw invalidAttributeValue("FifoQueue", "A queue's type cannot change after it is created.");
    }
    const checked = checkAttributes(input, queue.fifo);
    if (!options.fromGraph) this.#checkRedriveTarget(queue.fifo, checked.RedrivePolicy);
    const attributes = { ...queue.attributes };
    mergeAttributes(attributes, checked);
    queue.setAttributes(attributes);
  }

  #checkRedriveTarget(fifo: boolean, redrivePolicy: string | undefined): void {
    if (!redrivePolicy) return;
    const { deadLetterTargetArn } = settingsOf({ RedrivePolicy: redrivePolicy }).redrive!;
    const target = this.queueByArn(deadLetterTargetArn);
    if (!target) throw invalidValueFor("RedrivePolicy", redrivePolicy, "Dead letter target does not exist.");
    if (target.fifo !== fifo) {
      const kind = fifo ? "a FIFO queue" : "a standard queue";
      throw invalidValueFor("RedrivePolicy", redrivePolicy, `Dead-letter target must also be ${kind}.`);
    }
  }

  deleteQueue(name: string): void {
    const queue = this.queue(name);
    this.#queues.delete(name);
    this.#deletedAt.set(name, this.clock.now());
    queue.notify();
  }

  purgeQueue(name: string): void {
    const queue = this.queue(name);
    const now = this.clock.now();
    if (queue.lastPurgeAt !== undefined && now - queue.lastPurgeAt < this.clock.ms(QUIET_PERIOD_SECONDS)) {
      throw purgeQueueInProgress(queue.url);
    }
    queue.lastPurgeAt = now;
    queue.purge();
  }

  /** queues whose redrive policy names this one */
  deadLetterSources(name: string): Queue[] {
    const target = this.queue(name);
    return this.queues().filter((queue) => queue.settings.redrive?.deadLetterTargetArn === target.arn);
  }

  send(name: string, input: SendInput, senderId: string): SendResult {
    return sendMessage(this.queue(name), input, senderId, this.clock);
  }

  /** ReceiveMessage: returns as soon as messages can be had, or empty when the wait ends. */
  async receive(name: string, options: ReceiveOptions): Promise<ReceivedMessage[]> {
    const queue = this.queue(name);
    const deadline = this.clock.now() + this.clock.ms(options.waitSeconds ?? queue.settings.receiveWaitTimeSeconds);
    for (;;) {
      const visibility = options.visibilityTimeout ?? queue.settings.visibilityTimeout;
      const taken = queue.take(options.max, visibility, (message) => this.#deadLetter(queue, message));
      if (taken.length > 0) return taken.map((message) => received(queue, message));
      const gone = this.#queues.get(name) !== queue;
      if (this.#closed || gone || options.signal?.aborted || this.clock.now() >= deadline) return [];
      await queue.wait(Math.min(deadline, queue.nextVisibleAt() ?? deadline), options.signal);
    }
  }

  /** Moves a message received maxReceiveCount times to the dead-letter queue, if that queue exists. */
  #deadLetter(source: Queue, message: StoredMessage): boolean {
    const redrive = source.settings.redrive;
    if (!redrive || message.receiveCount < redrive.maxReceiveCount) return false;
    const target = this.queueByArn(redrive.deadLetterTargetArn);
    if (!target || target === source) return false;
    const now = this.clock.now();
    target.add({
      ...message,
      visibleAt: now,
      receipt: undefined,
      receivedAt: undefined,
      // standard queues keep the original enqueue time for retention; FIFO queues restart it
      enqueuedAt: target.fifo ? now : message.enqueuedAt,
      sequenceNumber: target.fifo ? target.nextSequenceNumber() : undefined,
      deadLetterSourceArn: source.arn,
    });
    return true;
  }

  /**
   * DeleteMessage. A handle from an earlier receive of a message received
   * again succeeds without deleting it, as SQS documents.
   */
  deleteMessage(name: string, receiptHandle: string): void {
    const queue = this.queue(name);
    const { messageId, receipt } = decodeReceipt(receiptHandle, name);
    const message = queue.get(messageId);
    if (!message || message.receipt !== receipt) return;
    if (queue.fifo && message.visibleAt <= this.clock.now()) {
      throw receiptHandleIsInvalid("The receipt handle has expired.");
    }
    queue.remove(messageId);
  }

  changeVisibility(name: string, receiptHandle: string, seconds: number): void {
    const queue = this.queue(name);
    const { messageId, receipt } = decodeReceipt(receiptHandle, name);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT) {
      throw invalidValueFor("VisibilityTimeout", seconds, "Must be between 0 and 43200, if provided.");
    }
    const message = queue.get(messageId);
    if (!message || message.receipt !== receipt) {
      throw invalidValueFor(
        "ReceiptHandle",
        receiptHandle,
        "Message does not exist or is not available for visibility timeout change.",
      );
    }
    const now = this.clock.now();
    if (message.visibleAt <= now) throw messageNotInflight();
    if (now - (message.receivedAt ?? now) + this.clock.ms(seconds) > this.clock.ms(MAX_VISIBILITY_TIMEOUT)) {
      throw invalidValueFor(
        "VisibilityTimeout",
        seconds,
        `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_TIMEOUT} seconds]`,
      );
    }
    message.visibleAt = now + this.clock.ms(seconds);
    queue.notify();
  }

  /** ends every long poll; later receives return at once */
  close(): void {
    this.#closed = true;
    for (const queue of this.#queues.values()) queue.notify();
  }
}

/** Whether the name makes a FIFO queue; throws when name and FifoQueue disagree or the name is malformed. */
function checkQueueName(name: string, fifoAttribute: string | undefined): boolean {
  const fifoName = name.endsWith(".fifo");
  if (fifoAttribute !== undefined && !/^(true|false)$/i.test(fifoAttribute)) {
    throw invalidAttributeValue("FifoQueue");
  }
  const fifo = fifoAttribute?.toLowerCase() === "true";
  const base = fifoName ? name.slice(0, -".fifo".length) : name;
  if (fifo || fifoName) {
    if (!(fifo && fifoName && QUEUE_NAME.test(base) && name.length <= 80)) {
      throw invalidParameterValue(
        "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.",
      );
    }
    return true;
  }
  if (!QUEUE_NAME.test(name)) {
    throw invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
  }
  return false;
}

function received(queue: Queue, message: StoredMessage): ReceivedMessage {
  const system: Record<string, string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentTimestamp),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
  };
  if (message.sequenceNumber !== undefined) system.SequenceNumber = message.sequenceNumber;
  if (message.groupId !== undefined) system.MessageGroupId = message.groupId;
  if (message.deduplicationId !== undefined) system.MessageDeduplicationId = message.deduplicationId;
  const trace = message.systemAttributes.AWSTraceHeader?.stringValue;
  if (trace !== undefined) system.AWSTraceHeader = trace;
  if (message.deadLetterSourceArn !== undefined) system.DeadLetterQueueSourceArn = message.deadLetterSourceArn;
  return {
    id: message.id,
    receiptHandle: encodeReceipt({ queueName: queue.name, messageId: message.id, receipt: message.receipt ?? "" }),
    body: message.body,
    md5OfBody: message.md5OfBody,
    attributes: message.attributes,
    systemAttributes: message.systemAttributes,
    system,
  };
}
