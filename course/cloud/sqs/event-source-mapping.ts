// SQS event source mappings: one MappingPoller per enabled mapping, checked
// first as Lambda checks CreateEventSourceMapping, and kept in step with the
// graph by update().
import type { EventSourceMappingSpec } from "../../graph/model.ts";
import type { Invoker } from "../lambda/invoker.ts";
import { MappingPoller } from "./mapping-poller.ts";
import { type RecordFilter, recordFilter } from "./record-filter.ts";
import type { SqsService } from "./sqs-service.ts";

/** Lambda starts five pollers for an SQS queue; without maximumConcurrency the local cloud stays there */
export const DEFAULT_CONCURRENCY = 5;
const MAX_BATCH_SIZE = { standard: 10_000, fifo: 10 };
const MAX_BATCHING_WINDOW_SECONDS = 300;
const CONCURRENCY_RANGE = { min: 2, max: 1000 };

export interface SqsEventSourceMappingsOptions {
  sqs: SqsService;
  invoker: Invoker;
  mappings: EventSourceMappingSpec[];
  functionTimeoutSeconds(functionArn: string): number;
  /** told when a poller cannot reach its queue or its function */
  onError?(mappingId: string, error: unknown): void;
}

export class SqsEventSourceMappings {
  readonly #options: SqsEventSourceMappingsOptions;
  readonly #running = new Map<string, { key: string; poller: MappingPoller }>();
  /** the problems of the latest update */
  problems: string[] = [];

  constructor(options: SqsEventSourceMappingsOptions) {
    this.#options = options;
    this.update(options.mappings);
  }

  /**
   * Starts the mappings that appeared or changed, stops those that went or
   * were disabled. A mapping Lambda would refuse is not started: the result
   * has one message per such mapping.
   */
  update(mappings: EventSourceMappingSpec[]): string[] {
    const problems: string[] = [];
    const wanted = new Map<string, EventSourceMappingSpec>();
    for (const mapping of mappings) {
      if (!mapping.enabled || !mapping.eventSourceArn.startsWith("arn:aws:sqs:")) continue;
      wanted.set(mapping.id, mapping);
    }
    for (const [id, running] of this.#running) {
      const mapping = wanted.get(id);
      if (!mapping || JSON.stringify(mapping) !== running.key) {
        void running.poller.stop();
        this.#running.delete(id);
      }
    }
    for (const [id, mapping] of wanted) {
      if (this.#running.has(id)) continue;
      try {
        this.#running.set(id, { key: JSON.stringify(mapping), poller: this.#start(mapping) });
      } catch (error) {
        problems.push(`event source mapping ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.problems = problems;
    return problems;
  }

  #start(mapping: EventSourceMappingSpec): MappingPoller {
    const { sqs, invoker } = this.#options;
    const queue = sqs.engine.queueByArn(mapping.eventSourceArn);
    if (!queue) throw new Error(`the queue ${mapping.eventSourceArn} does not exist`);
    const filter = this.#check(mapping, queue.fifo, queue.settings.visibilityTimeout);
    return new MappingPoller({
      engine: sqs.engine,
      invoker,
      mapping,
      queueName: queue.name,
      filter,
      concurrency: mapping.maximumConcurrency ?? DEFAULT_CONCURRENCY,
      onError: (error) => this.#options.onError?.(mapping.id, error),
    });
  }

  /** What CreateEventSourceMapping refuses, with Lambda's reasons; returns the mapping's filter. */
  #check(mapping: EventSourceMappingSpec, fifo: boolean, visibilityTimeout: number): RecordFilter {
    const maxBatch = fifo ? MAX_BATCH_SIZE.fifo : MAX_BATCH_SIZE.standard;
    if (!Number.isInteger(mapping.batchSize) || mapping.batchSize < 1 || mapping.batchSize > maxBatch) {
      throw new Error(`BatchSize must be between 1 and ${maxBatch} for this queue, not ${mapping.batchSize}`);
    }
    const window = mapping.maximumBatchingWindowSeconds;
    if (fifo && window > 0) throw new Error("Batching window is not supported for FIFO queues");
    if (window < 0 || window > MAX_BATCHING_WINDOW_SECONDS) {
      throw new Error(`MaximumBatchingWindowInSeconds must be between 0 and 300, not ${window}`);
    }
    if (mapping.batchSize > 10 && window === 0) {
      throw new Error(
        "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
      );
    }
    const concurrency = mapping.maximumConcurrency;
    if (concurrency !== undefined && (concurrency < CONCURRENCY_RANGE.min || concurrency > CONCURRENCY_RANGE.max)) {
      throw new Error(`MaximumConcurrency must be between 2 and 1000, not ${concurrency}`);
    }
    const functionTimeout = this.#options.functionTimeoutSeconds(mapping.functionArn);
    if (visibilityTimeout < functionTimeout) {
      throw new Error(
        `Queue visibility timeout: ${visibilityTimeout} seconds is less than Function timeout: ${functionTimeout} seconds`,
      );
    }
    return recordFilter(mapping.filterPatterns);
  }

  /** Stops every poller; resolves when the batches being processed are done. */
  async close(): Promise<void> {
    const running = [...this.#running.values()];
    this.#running.clear();
    await Promise.all(running.map(({ poller }) => poller.stop()));
  }
}
