// The subscriptions SNS delivers to: the graph's (with ARNs that stay the same
// from one evaluation to the next) and those made through Subscribe, which
// are kept when the graph changes as long as their topic is.
import { createHash, randomUUID } from "node:crypto";
import type { TopicSubscriptionSpec } from "../../graph/model.ts";
import { invalidParameter, subscriptionNotFound } from "./errors.ts";
import { applySettings, DEFAULT_SETTINGS, type SubscriptionSettings } from "./subscription-settings.ts";
import type { Topic } from "./topics.ts";

/** The protocols the local cloud delivers to. */
export type DeliveryProtocol = "lambda" | "sqs";

export interface Subscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: DeliveryProtocol;
  /** the function's or queue's ARN */
  readonly endpoint: string;
  readonly fromGraph: boolean;
  settings: SubscriptionSettings;
}

/** Every protocol SNS knows; the others are refused as SNS refuses an unknown protocol. */
const SNS_PROTOCOLS = new Set([
  "http",
  "https",
  "email",
  "email-json",
  "sms",
  "sqs",
  "application",
  "lambda",
  "firehose",
]);
const ENDPOINT_ARN: Record<DeliveryProtocol, RegExp> = {
  sqs: /^arn:aws:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+(\.fifo)?$/,
  lambda: /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/,
};

/** A v4-shaped id derived from `seed`, so a graph subscription keeps its ARN across evaluations. */
function stableId(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function deliveryProtocol(protocol: string): DeliveryProtocol {
  if (protocol === "lambda" || protocol === "sqs") return protocol;
  if (SNS_PROTOCOLS.has(protocol)) {
    throw invalidParameter(
      `Protocol Reason: the local cloud delivers to lambda and sqs subscriptions only, not ${protocol}`,
    );
  }
  throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
}

function checkEndpoint(topic: Topic, protocol: DeliveryProtocol, endpoint: string): void {
  if (!ENDPOINT_ARN[protocol].test(endpoint)) {
    throw invalidParameter(protocol === "sqs" ? "SQS endpoint ARN" : "Lambda endpoint ARN");
  }
  if (protocol === "sqs" && endpoint.endsWith(".fifo") && !topic.fifo) {
    throw invalidParameter(
      "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics",
    );
  }
  if (protocol === "lambda" && topic.fifo) throw invalidParameter("Invalid protocol type: lambda");
}

export class SubscriptionStore {
  readonly #subscriptions = new Map<string, Subscription>();

  /**
   * Makes the graph's subscriptions the graph-owned ones and drops those whose
   * topic is gone. Returns a line for each graph subscription that could not
   * be made (a filter policy SNS would refuse, a protocol not served).
   */
  sync(specs: readonly TopicSubscriptionSpec[], topicOf: (arn: string) => Topic | undefined): string[] {
    for (const subscription of this.#subscriptions.values()) {
      if (subscription.fromGraph || !topicOf(subscription.topicArn)) this.#subscriptions.delete(subscription.arn);
    }
    const problems: string[] = [];
    for (const spec of specs) {
      const topic = topicOf(spec.topicArn);
      try {
        if (!topic) throw new Error(`its topic ${spec.topicArn} is not in the graph`);
        const protocol = deliveryProtocol(spec.protocol);
        const settings = applySettings(DEFAULT_SETTINGS, protocol, graphAttributes(spec), "");
        const arn = `${spec.topicArn}:${stableId(spec.id)}`;
        this.#subscriptions.set(arn, {
          arn,
          topicArn: spec.topicArn,
          protocol,
          endpoint: spec.endpoint,
          fromGraph: true,
          settings,
        });
      } catch (err) {
        problems.push(`sns: subscription ${spec.id} is not served: ${(err as Error).message}`);
      }
    }
    return problems;
  }

  /** Subscribe: the same topic, protocol and endpoint give the same subscription, unless the attributes differ. */
  subscribe(topic: Topic, protocolName: string, endpoint: string, attributes: Record<string, string>): Subscription {
    const protocol = deliveryProtocol(protocolName);
    checkEndpoint(topic, protocol, endpoint);
    const settings = applySettings(DEFAULT_SETTINGS, protocol, attributes, "Attributes Reason: ");
    const existing = this.byTopic(topic.arn).find((s) => s.protocol === protocol && s.endpoint === endpoint);
    if (existing) {
      if (Object.keys(attributes).length > 0 && JSON.stringify(existing.settings) !== JSON.stringify(settings)) {
        throw invalidParameter("Attributes Reason: Subscription already exists with different attributes");
      }
      return existing;
    }
    const subscription = {
      arn: `${topic.arn}:${randomUUID()}`,
      topicArn: topic.arn,
      protocol,
      endpoint,
      fromGraph: false,
      settings,
    };
    this.#subscriptions.set(subscription.arn, subscription);
    return subscription;
  }

  get(arn: string): Subscription {
    const subscription = this.#subscriptions.get(arn);
    if (!subscription) throw subscriptionNotFound();
    return subscription;
  }

  /** Unsubscribe is idempotent: an ARN of the right shape that names nothing is not an error. */
  unsubscribe(arn: string): void {
    const parts = arn.split(":").length;
    if (parts < 6) throw invalidParameter(`SubscriptionArn Reason: An ARN must have at least 6 elements, not ${parts}`);
    this.#subscriptions.delete(arn);
  }

  removeTopic(topicArn: string): void {
    for (const subscription of this.byTopic(topicArn)) this.#subscriptions.delete(subscription.arn);
  }

  list(): Subscription[] {
    return [...this.#subscriptions.values()];
  }

  byTopic(topicArn: string): Subscription[] {
    return this.list().filter((subscription) => subscription.topicArn === topicArn);
  }

  setAttribute(subscription: Subscription, name: string, value: string): void {
    subscription.settings = applySettings(subscription.settings, subscription.protocol, { [name]: value }, "");
  }
}

function graphAttributes(spec: TopicSubscriptionSpec): Record<string, string> {
  return {
    RawMessageDelivery: String(spec.rawMessageDelivery),
    FilterPolicyScope: spec.filterPolicyScope,
    ...(spec.filterPolicy ? { FilterPolicy: spec.filterPolicy } : {}),
  };
}
