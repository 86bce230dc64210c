// What the event source mapping tests share: an SQS service without an edge,
// a fake Invoker that hands each event to a test's handler, and mapping specs.
import type { InvokeResult, Invoker } from "../../course/cloud/lambda/invoker.ts";
import { type SqsRecord, SqsService } from "../../course/cloud/sqs/index.ts";
import type { EventSourceMappingSpec, QueueSpec } from "../../course/graph/model.ts";

export const FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:worker";

/** what a fake function does with one event: return a value, or fail as Lambda reports failures */
export type FakeOutcome = { returns?: unknown } | { fails: "Unhandled"; errorType: string; errorMessage: string };

export class FakeInvoker implements Invoker {
  readonly events: SqsRecord[][] = [];
  running = 0;
  mostRunning = 0;
  readonly #handle: (records: SqsRecord[]) => FakeOutcome | Promise<FakeOutcome>;

  constructor(handle: (records: SqsRecord[]) => FakeOutcome | Promise<FakeOutcome>) {
    this.#handle = handle;
  }

  async invoke(_functionName: string, payload: Buffer | string): Promise<InvokeResult> {
    const { Records } = JSON.parse(String(payload)) as { Records: SqsRecord[] };
    this.events.push(Records);
    this.running += 1;
    this.mostRunning = Math.max(this.mostRunning, this.running);
    try {
      const outcome = await this.#handle(Records);
      const failed = "fails" in outcome;
      const body = failed ? { errorType: outcome.errorType, errorMessage: outcome.errorMessage } : outcome.returns;
      return {
        statusCode: 200,
        functionError: failed ? outcome.fails : undefined,
        payload: Buffer.from(body === undefined ? "null" : JSON.stringify(body)),
        requestId: "fake",
        executedVersion: "$LATEST",
      };
    } finally {
      this.running -= 1;
    }
  }
}

export function sqsService(queues: QueueSpec[], timeScale?: number): SqsService {
  return new SqsService({ queues, edgeUrl: "http://127.0.0.1:4566", timeScale });
}

export function mappingSpec(queue: QueueSpec, overrides: Partial<EventSourceMappingSpec> = {}): EventSourceMappingSpec {
  return {
    id: `${queue.name}-mapping`,
    functionArn: FUNCTION_ARN,
    eventSourceArn: queue.arn,
    batchSize: 10,
    maximumBatchingWindowSeconds: 0,
    reportBatchItemFailures: false,
    filterPatterns: [],
    enabled: true,
    ...overrides,
  };
}

/** Resolves once `condition` holds; fails the test after `ms`. */
export async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
