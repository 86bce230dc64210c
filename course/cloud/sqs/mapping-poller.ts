// The pollers of one SQS event source mapping, working as Lambda's do: each
// long-polls the queue, gathers a batch (up to the batch size or until the
// batching window closes), drops and deletes what the filters reject, invokes
// the function and deletes what it processed. A failed invocation deletes
// nothing: the messages come back when their visibility timeout ends, and the
// queue's redrive policy decides when they go to the dead-letter queue.
import type { EventSourceMappingSpec } from "../../graph/model.ts";
import type { Invoker } from "../lambda/invoker.ts";
import { batchOutcome } from "./batch-item-failures.ts";
import type { SqsEngine } from "./engine.ts";
import { lambdaRecord, type SqsRecord } from "./lambda-record.ts";
import type { ReceivedMessage } from "./message.ts";
import type { RecordFilter } from "./record-filter.ts";

/** Lambda's synchronous invocation payload limit */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const LONG_POLL_SECONDS = 20;
const MAX_MESSAGES_PER_RECEIVE = 10;
/** how long a poller rests after the queue or the function could not be reached */
const RETRY_SECONDS = 1;

export interface PollerOptions {
  engine: SqsEngine;
  invoker: Invoker;
  mapping: EventSourceMappingSpec;
  queueName: string;
  filter: RecordFilter;
  /** batches in flight at once */
  concurrency: number;
  onError?(error: unknown): void;
}

/** Records in order, cut so that no invocation's event exceeds Lambda's payload limit. */
function chunksWithinPayloadLimit(records: SqsRecord[]): SqsRecord[][] {
  const chunks: SqsRecord[][] = [];
  let chunk: SqsRecord[] = [];
  let size = 0;
  for (const record of records) {
    const recordSize = Buffer.byteLength(JSON.stringify(record)) + 1;
    if (chunk.length > 0 && size + recordSize > MAX_PAYLOAD_BYTES) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(record);
    size += recordSize;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export class MappingPoller {
  readonly #options: PollerOptions;
  readonly #abort = new AbortController();
  readonly #workers: Promise<void>[];

  constructor(options: PollerOptions) {
    this.#options = options;
    this.#workers = Array.from({ length: options.concurrency }, () => this.#work());
  }

  /** Stops polling; resolves when the batches being processed are done. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await Promise.all(this.#workers);
  }

  get #stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  async #work(): Promise<void> {
    while (!this.#stopped) {
      try {
        const messages = await this.#gather();
        if (messages.length > 0) await this.#process(messages);
      } catch (error) {
        // the queue is gone or not there yet: try again later, as Lambda's pollers do
        this.#options.onError?.(error);
        await this.#rest();
      }
    }
  }

  async #gather(): Promise<ReceivedMessage[]> {
    const { engine, mapping, queueName } = this.#options;
    const signal = this.#abort.signal;
    const receive = (max: number, waitSeconds: number) =>
      engine.receive(queueName, { max: Math.min(MAX_MESSAGES_PER_RECEIVE, max), waitSeconds, signal });
    const batch = await receive(mapping.batchSize, LONG_POLL_SECONDS);
    if (batch.length === 0 || mapping.maximumBatchingWindowSeconds === 0) return batch;
    const closesAt = engine.clock.now() + engine.clock.ms(mapping.maximumBatchingWindowSeconds);
    while (batch.length < mapping.batchSize && !this.#stopped) {
      const left = closesAt - engine.clock.now();
      if (left <= 0) break;
      batch.push(...(await receive(mapping.batchSize - batch.length, left / engine.clock.ms(1))));
    }
    return batch;
  }

  async #process(messages: ReceivedMessage[]): Promise<void> {
    const { filter, mapping } = this.#options;
    const records = messages.map((message) => lambdaRecord(message, mapping.eventSourceArn));
    // Lambda deletes the messages its filters drop
    this.#delete(records.filter((record) => !filter(record)));
    for (const chunk of chunksWithinPayloadLimit(records.filter(filter))) {
      // a failed chunk holds back those after it, so a FIFO group keeps its order
      if (!(await this.#invoke(chunk))) break;
    }
  }

  /** whether every record of the chunk was processed */
  async #invoke(records: SqsRecord[]): Promise<boolean> {
    const { invoker, mapping } = this.#options;
    let result: Awaited<ReturnType<Invoker["invoke"]>>;
    try {
      result = await invoker.invoke(mapping.functionArn, JSON.stringify({ Records: records }), {
        type: "RequestResponse",
      });
    } catch (error) {
      this.#options.onError?.(error);
      await this.#rest();
      return false;
    }
    if (result.functionError) return false;
    if (!mapping.reportBatchItemFailures) {
      this.#delete(records);
      return true;
    }
    const outcome = batchOutcome(result.payload, new Set(records.map((record) => record.messageId)));
    if (outcome.kind === "failed") return false;
    this.#delete(records.filter((record) => !outcome.failedIds.has(record.messageId)));
    return outcome.failedIds.size === 0;
  }

  #delete(records: SqsRecord[]): void {
    for (const record of records) {
      try {
        this.#options.engine.deleteMessage(this.#options.queueName, record.receiptHandle);
      } catch {
        // an expired FIFO receipt or a deleted queue: the message comes back or is gone, as on AWS
      }
    }
  }

  #rest(): Promise<void> {
    const signal = this.#abort.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, this.#options.engine.clock.ms(RETRY_SECONDS));
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
