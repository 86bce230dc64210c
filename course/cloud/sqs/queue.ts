// One queue's messages and their states. Standard queues hand out visible
// messages oldest first; FIFO queues keep each message group in order and
// give out nothing of a group while one of its messages is in flight.
// Timers are not needed: states are read from timestamps when asked.
import type { Clock } from "./clock.ts";
import { type MessageState, type StoredMessage, stateOf } from "./message.ts";
import { type QueueSettings, settingsOf } from "./queue-attributes.ts";

const DEDUPLICATION_WINDOW_SECONDS = 300;

interface Deduplicated {
  messageId: string;
  sequenceNumber?: string;
  expiresAt: number;
}

export class Queue {
  readonly name: string;
  readonly arn: string;
  readonly url: string;
  readonly fifo: boolean;
  /** epoch seconds */
  readonly createdTimestamp: number;
  lastModifiedTimestamp: number;
  /** engine clock ms of the latest PurgeQueue */
  lastPurgeAt?: number;
  tags: Record<string, string> = {};
  #attributes: Record<string, string>;
  #settings: QueueSettings;
  readonly #clock: Clock;
  /** in the order sent: oldest first */
  readonly #messages = new Map<string, StoredMessage>();
  readonly #deduplication = new Map<string, Deduplicated>();
  readonly #waiters = new Set<() => void>();
  #sequence: bigint;
  #receipts = 0;

  constructor(options: {
    name: string;
    arn: string;
    url: string;
    fifo: boolean;
    attributes: Record<string, string>;
    clock: Clock;
  }) {
    this.name = options.name;
    this.arn = options.arn;
    this.url = options.url;
    this.fifo = options.fifo;
    this.#clock = options.clock;
    this.#attributes = { ...options.attributes };
    this.#settings = settingsOf(this.#attributes);
    this.createdTimestamp = Math.floor(Date.now() / 1000);
    this.lastModifiedTimestamp = this.createdTimestamp;
    // 20 digits that grow with every message, as SQS's sequence numbers do
    this.#sequence = BigInt(Date.now()) * 10_000_000n;
  }

  get settings(): QueueSettings {
    return this.#settings;
  }

  get attributes(): Readonly<Record<string, string>> {
    return this.#attributes;
  }

  setAttributes(attributes: Record<string, string>): void {
    this.#attributes = attributes;
    this.#settings = settingsOf(attributes);
    this.lastModifiedTimestamp = Math.floor(Date.now() / 1000);
    this.notify();
  }

  nextSequenceNumber(): string {
    this.#sequence += 1n;
    return this.#sequence.toString().padStart(20, "0");
  }

  add(message: StoredMessage): void {
    this.#messages.set(message.id, message);
    this.notify();
  }

  get(id: string): StoredMessage | undefined {
    return this.#messages.get(id);
  }

  remove(id: string): void {
    this.#messages.delete(id);
  }

  purge(): void {
    this.#messages.clear();
    this.notify();
  }

  /** FIFO deduplication: the message already accepted with this key in the last five minutes */
  duplicateOf(key: string): Deduplicated | undefined {
    const now = this.#clock.now();
    for (const [oldest, entry] of this.#deduplication) {
      if (entry.expiresAt > now) break;
      this.#deduplication.delete(oldest);
    }
    return this.#deduplication.get(key);
  }

  rememberDeduplication(key: string, messageId: string, sequenceNumber?: string): void {
    const expiresAt = this.#clock.now() + this.#clock.ms(DEDUPLICATION_WINDOW_SECONDS);
    this.#deduplication.set(key, { messageId, sequenceNumber, expiresAt });
  }

  /**
   * Marks up to `max` receivable messages received and returns them. A message
   * `deadLetter` accepts has been moved elsewhere and leaves this queue.
   */
  take(max: number, visibilityTimeout: number, deadLetter: (message: StoredMessage) => boolean): StoredMessage[] {
    const now = this.#clock.now();
    const taken: StoredMessage[] = [];
    const lockedGroups = this.fifo ? this.#groupsInFlight(now) : undefined;
    for (const message of this.#messages.values()) {
      if (this.#expired(message, now)) {
        this.#messages.delete(message.id);
        continue;
      }
      const group = message.groupId;
      if (lockedGroups && group !== undefined && lockedGroups.has(group)) continue;
      if (message.visibleAt > now) {
        // a delayed message holds back the rest of its group
        if (lockedGroups && group !== undefined) lockedGroups.add(group);
        continue;
      }
      if (deadLetter(message)) {
        this.#messages.delete(message.id);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= Date.now();
      message.receivedAt = now;
      message.receipt = `${++this.#receipts}`;
      message.visibleAt = now + this.#clock.ms(visibilityTimeout);
      taken.push(message);
      if (taken.length >= max) break;
    }
    return taken;
  }

  #groupsInFlight(now: number): Set<string> {
    const groups = new Set<string>();
    for (const message of this.#messages.values()) {
      if (message.groupId !== undefined && stateOf(message, now) === "inflight") groups.add(message.groupId);
    }
    return groups;
  }

  #expired(message: StoredMessage, now: number): boolean {
    return now - message.enqueuedAt >= this.#clock.ms(this.#settings.retentionSeconds);
  }

  /** when the next message not visible now becomes visible, if any */
  nextVisibleAt(): number | undefined {
    const now = this.#clock.now();
    let next: number | undefined;
    for (const message of this.#messages.values()) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next)) next = message.visibleAt;
    }
    return next;
  }

  counts(): Record<MessageState, number> {
    const now = this.#clock.now();
    const counts: Record<MessageState, number> = { visible: 0, inflight: 0, delayed: 0 };
    for (const message of this.#messages.values()) {
      if (!this.#expired(message, now)) counts[stateOf(message, now)] += 1;
    }
    return counts;
  }

  /** Resolves when something changes on the queue, at `until` (engine clock ms), or on abort. */
  wait(until: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, until - this.#clock.now()));
      this.#waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  /** wakes every long poll waiting on this queue, so it looks again */
  notify(): void {
    for (const wake of [...this.#waiters]) wake();
  }
}
