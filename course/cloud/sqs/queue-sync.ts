// The graph's queues made real: created when new, their attributes brought
// up to date (messages kept) when they change, deleted when they leave.
import type { QueueSpec } from "../../graph/model.ts";
import type { SqsEngine } from "./engine.ts";

function attributesOf(spec: QueueSpec): Record<string, string> {
  const attributes: Record<string, string> = {
    VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
    DelaySeconds: String(spec.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(spec.receiveWaitTimeSeconds),
    MessageRetentionPeriod: String(spec.messageRetentionSeconds),
    MaximumMessageSize: String(spec.maximumMessageSize),
    RedrivePolicy: spec.redrive ? JSON.stringify(spec.redrive) : "",
  };
  if (spec.fifo) attributes.ContentBasedDeduplication = String(spec.contentBasedDeduplication);
  return attributes;
}

/** Never throws: resolves to one message per queue it could not sync. */
export function syncQueues(engine: SqsEngine, specs: QueueSpec[], removed: string[]): string[] {
  const problems: string[] = [];
  for (const name of removed) {
    try {
      engine.deleteQueue(name);
    } catch {
      // already deleted through the API
    }
  }
  for (const spec of specs) {
    try {
      const existing = engine.queues().find((queue) => queue.name === spec.name);
      if (existing && existing.fifo !== spec.fifo) engine.deleteQueue(spec.name);
      const attributes = attributesOf(spec);
      if (existing && existing.fifo === spec.fifo) {
        engine.setQueueAttributes(spec.name, attributes, { fromGraph: true });
      } else {
        engine.createQueue(
          spec.name,
          { ...attributes, ...(spec.fifo ? { FifoQueue: "true" } : {}) },
          { fromGraph: true },
        );
      }
    } catch (error) {
      problems.push(`queue ${spec.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}
