// The topics SNS knows: the graph's, and those created through the API, which
// are kept when the graph changes unless the graph now names one the same.
import { arn } from "../../aws/identity.ts";
import type { TopicSpec } from "../../graph/model.ts";
import { invalidParameter, topicNotFound } from "./errors.ts";

export const topicArn = (name: string): string => arn("sns", name);

export interface Topic {
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
  readonly fromGraph: boolean;
  /** the attributes set by CreateTopic and SetTopicAttributes */
  readonly attributes: Map<string, string>;
  /** the last SequenceNumber a FIFO topic gave */
  sequence: bigint;
}

const NAME = /^[A-Za-z0-9_-]{1,256}$/;
const SETTABLE = new Set([
  "DeliveryPolicy",
  "DisplayName",
  "Policy",
  "TracingConfig",
  "KmsMasterKeyId",
  "SignatureVersion",
  "ContentBasedDeduplication",
  "ArchivePolicy",
  "FifoThroughputScope",
  "DataProtectionPolicy",
]);
const FIFO_NAME =
  "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.";

function booleanProblem(name: string, value: string): string | undefined {
  return value === "true" || value === "false"
    ? undefined
    : `${name}: Invalid value [${value}]. Must be true or false.`;
}

/** Why SNS refuses to set attribute `name` of a topic to `value`, if it does. */
function attributeProblem(fifo: boolean, name: string, value: string): string | undefined {
  if (!SETTABLE.has(name)) return "AttributeName";
  if (name !== "ContentBasedDeduplication") return undefined;
  if (!fifo) return "ContentBasedDeduplication: Content based deduplication can only be set for FIFO topics";
  return booleanProblem(name, value);
}

const invalidAttribute = (reason: string) => invalidParameter(`Attributes Reason: ${reason}`);

export class TopicStore {
  readonly #topics = new Map<string, Topic>();

  /** Makes the graph's topics the graph-owned ones; returns the ARNs of graph topics that went away. */
  sync(specs: readonly TopicSpec[]): string[] {
    const removed: string[] = [];
    for (const topic of this.#topics.values()) {
      if (topic.fromGraph && !specs.some((spec) => spec.arn === topic.arn)) removed.push(topic.arn);
    }
    for (const arn of removed) this.#topics.delete(arn);
    for (const spec of specs) {
      const existing = this.#topics.get(spec.arn);
      if (existing?.fromGraph && existing.fifo === spec.fifo) continue;
      this.#topics.set(spec.arn, {
        name: spec.name,
        arn: spec.arn,
        fifo: spec.fifo,
        fromGraph: true,
        attributes: new Map(spec.fifo ? [["ContentBasedDeduplication", "false"]] : []),
        sequence: 0n,
      });
    }
    return removed;
  }

  /** CreateTopic: idempotent for the same name and attributes. */
  create(name: string, attributes: Record<string, string>): Topic {
    const fifo = attributes.FifoTopic === "true";
    if (fifo && !(name.endsWith(".fifo") && NAME.test(name.slice(0, -5)))) throw invalidParameter(FIFO_NAME);
    if (!fifo && !NAME.test(name)) throw invalidParameter("Topic Name");
    const requested = Object.entries(attributes).filter(([key]) => key !== "FifoTopic");
    const problem =
      (attributes.FifoTopic !== undefined ? booleanProblem("FifoTopic", attributes.FifoTopic) : undefined) ??
      requested.map(([key, value]) => attributeProblem(fifo, key, value)).find((found) => found !== undefined);
    if (problem) throw invalidAttribute(problem);

    const arn = topicArn(name);
    const existing = this.#topics.get(arn);
    if (existing) {
      const differs =
        existing.fifo !== fifo || requested.some(([key, value]) => existing.attributes.get(key) !== value);
      if (differs) throw invalidAttribute("Topic already exists with different attributes");
      return existing;
    }
    const initial: [string, string][] = fifo ? [["ContentBasedDeduplication", "false"]] : [];
    const topic: Topic = {
      name,
      arn,
      fifo,
      fromGraph: false,
      attributes: new Map([...initial, ...requested]),
      sequence: 0n,
    };
    this.#topics.set(arn, topic);
    return topic;
  }

  /** The topic, or NotFound ("Topic does not exist"). */
  get(arn: string): Topic {
    const topic = this.#topics.get(arn);
    if (!topic) throw topicNotFound();
    return topic;
  }

  list(): Topic[] {
    return [...this.#topics.values()];
  }

  delete(arn: string): void {
    this.#topics.delete(arn);
  }

  setAttribute(topic: Topic, name: string, value: string): void {
    const problem = attributeProblem(topic.fifo, name, value);
    if (problem) throw invalidParameter(problem);
    topic.attributes.set(name, value);
  }
}

/** The next SequenceNumber of a FIFO topic: 20 digits, increasing. */
export function nextSequenceNumber(topic: Topic): string {
  topic.sequence += 1n;
  return (10_000_000_000_000_000_000n + topic.sequence).toString();
}
