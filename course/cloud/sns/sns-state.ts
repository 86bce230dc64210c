// What every SNS action works on.
import type { Publisher } from "./publish.ts";
import type { SubscriptionStore } from "./subscriptions.ts";
import type { TopicStore } from "./topics.ts";

export interface SnsState {
  readonly topics: TopicStore;
  readonly subscriptions: SubscriptionStore;
  readonly publisher: Publisher;
}

export type SnsAction = (state: SnsState, params: URLSearchParams) => string;
