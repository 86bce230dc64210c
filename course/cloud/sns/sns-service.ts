// SNS (query protocol, signing name "sns"): topics and subscriptions from the
// graph and from the API, Publish and PublishBatch delivered to Lambda and SQS
// subscribers without holding up the answer. The SDK v3 client and the CLI both
// speak the query protocol: form parameters in, XML out.
import type { TopicSpec, TopicSubscriptionSpec } from "../../graph/model.ts";
import { AsyncDelivery } from "../async-delivery.ts";
import { queryError, queryParams, queryResponse, SNS_NAMESPACE } from "../iam/query-protocol.ts";
import type { Invoker } from "../lambda/invoker.ts";
import type { QueueDelivery } from "../queue-delivery.ts";
import type { EdgeRequest, EdgeResponse, Service } from "../service.ts";
import { SnsError } from "./errors.ts";
import { Publisher } from "./publish.ts";
import { publish, publishBatch } from "./publish-actions.ts";
import type { SnsAction, SnsState } from "./sns-state.ts";
import {
  getSubscriptionAttributes,
  listSubscriptions,
  listSubscriptionsByTopic,
  setSubscriptionAttributes,
  subscribe,
  unsubscribe,
} from "./subscription-actions.ts";
import { SubscriptionStore } from "./subscriptions.ts";
import { createTopic, deleteTopic, getTopicAttributes, listTopics, setTopicAttributes } from "./topic-actions.ts";
import { TopicStore } from "./topics.ts";

export interface SnsServiceOptions {
  topics: TopicSpec[];
  subscriptions: TopicSubscriptionSpec[];
  invoker: Invoker;
  queues: QueueDelivery;
  /** a line per failed delivery and per graph subscription that cannot be served */
  onLog?(line: string): void;
}

const ACTIONS: Record<string, SnsAction> = {
  CreateTopic: createTopic,
  ListTopics: listTopics,
  GetTopicAttributes: getTopicAttributes,
  SetTopicAttributes: setTopicAttributes,
  DeleteTopic: deleteTopic,
  Subscribe: subscribe,
  Unsubscribe: unsubscribe,
  ListSubscriptions: listSubscriptions,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
  GetSubscriptionAttributes: getSubscriptionAttributes,
  SetSubscriptionAttributes: setSubscriptionAttributes,
  Publish: publish,
  PublishBatch: publishBatch,
};

export class SnsService implements Service {
  readonly signingName = "sns";
  readonly #state: SnsState;
  readonly #delivery: AsyncDelivery;
  readonly #log: (line: string) => void;

  constructor(options: SnsServiceOptions) {
    this.#log = options.onLog ?? (() => {});
    this.#delivery = new AsyncDelivery({ invoker: options.invoker, queues: options.queues, onLog: this.#log });
    this.#state = {
      topics: new TopicStore(),
      subscriptions: new SubscriptionStore(),
      publisher: new Publisher(this.#delivery),
    };
    this.update(options.topics, options.subscriptions);
  }

  /**
   * Serves the graph's topics and subscriptions. Topics and subscriptions
   * made through the API stay (a subscription as long as its topic does),
   * unless the graph now has a topic of the same name.
   */
  update(topics: TopicSpec[], subscriptions: TopicSubscriptionSpec[]): void {
    const { topics: topicStore, subscriptions: subscriptionStore } = this.#state;
    topicStore.sync(topics);
    const known = new Map(topicStore.list().map((topic) => [topic.arn, topic]));
    for (const problem of subscriptionStore.sync(subscriptions, (arn) => known.get(arn))) this.#log(problem);
  }

  async handle(request: EdgeRequest): Promise<EdgeResponse> {
    const params = queryParams(request);
    const action = params.get("Action") ?? "";
    const run = ACTIONS[action];
    if (!run) {
      const message = `Could not find operation ${action} for version ${params.get("Version") ?? "2010-03-31"}`;
      return queryError(400, "InvalidAction", message, SNS_NAMESPACE, request.requestId);
    }
    try {
      return queryResponse(action, SNS_NAMESPACE, run(this.#state, params), request.requestId);
    } catch (err) {
      if (!(err instanceof SnsError)) throw err;
      return queryError(err.status, err.code, err.message, SNS_NAMESPACE, request.requestId);
    }
  }

  /** Resolves once every delivery of the messages published so far is done (delivered, or logged as failed). */
  idle(): Promise<void> {
    return this.#delivery.idle();
  }

  async close(): Promise<void> {
    await this.#delivery.idle();
  }
}
