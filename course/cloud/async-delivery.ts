// How SNS and EventBridge hand a message to its subscribers and targets: as
// AWS does, after the Publish or PutEvents call has been answered. A failed
// delivery does not fail the call that caused it; it becomes one log line, the
// way AWS reports it only in metrics and dead-letter queues.
import type { Invoker } from "./lambda/invoker.ts";
import type { QueueDelivery, QueueMessage } from "./queue-delivery.ts";

export interface AsyncDeliveryOptions {
  invoker: Invoker;
  queues: QueueDelivery;
  onLog?(line: string): void;
}

export class AsyncDelivery {
  readonly #invoker: Invoker;
  readonly #queues: QueueDelivery;
  readonly #log: (line: string) => void;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: AsyncDeliveryOptions) {
    this.#invoker = options.invoker;
    this.#queues = options.queues;
    this.#log = options.onLog ?? (() => {});
  }

  /** An asynchronous ("Event") invocation; `what` names the delivery in the log line if it fails. */
  toFunction(functionArn: string, payload: string, what: string): void {
    this.#track(what, async () => {
      const result = await this.#invoker.invoke(functionArn, payload, { type: "Event" });
      if (result.statusCode >= 300) throw new Error(`Lambda answered ${result.statusCode}`);
    });
  }

  toQueue(queueArn: string, message: QueueMessage, what: string): void {
    this.#track(what, () => this.#queues.deliver(queueArn, message));
  }

  /** Resolves once every delivery started so far has succeeded or been logged as failed. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  #track(what: string, deliver: () => Promise<void>): void {
    // Started now, in call order, so a FIFO queue sees messages in the order they were published.
    const delivery = (async () => deliver())().catch((err: unknown) => {
      this.#log(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.#pending.add(delivery);
    void delivery.finally(() => this.#pending.delete(delivery));
  }
}
