// Subscribe, Unsubscribe, ListSubscriptions, ListSubscriptionsByTopic,
// GetSubscriptionAttributes, SetSubscriptionAttributes.

import { ACCOUNT } from "../../aws/identity.ts";
import { element } from "../iam/query-protocol.ts";
import { entryMap, requiredParam } from "./query-input.ts";
import type { SnsState } from "./sns-state.ts";
import { settingsAttributes } from "./subscription-settings.ts";
import type { Subscription } from "./subscriptions.ts";
import { attributesXml, page, recordsXml } from "./xml-output.ts";

const LIST_PAGE_SIZE = 100;

export function subscribe(state: SnsState, params: URLSearchParams): string {
  const topic = state.topics.get(requiredParam(params, "TopicArn"));
  const subscription = state.subscriptions.subscribe(
    topic,
    requiredParam(params, "Protocol"),
    requiredParam(params, "Endpoint"),
    entryMap(params, "Attributes"),
  );
  return element("SubscriptionArn", subscription.arn);
}

export function unsubscribe(state: SnsState, params: URLSearchParams): string {
  state.subscriptions.unsubscribe(requiredParam(params, "SubscriptionArn"));
  return "";
}

function subscriptionsXml(subscriptions: readonly Subscription[], nextToken: string | null): string {
  const { items, next } = page(subscriptions, nextToken, LIST_PAGE_SIZE);
  const list = recordsXml(
    "Subscriptions",
    items.map((subscription) => ({
      SubscriptionArn: subscription.arn,
      Owner: ACCOUNT,
      Protocol: subscription.protocol,
      Endpoint: subscription.endpoint,
      TopicArn: subscription.topicArn,
    })),
  );
  return list + (next ? element("NextToken", next) : "");
}

export function listSubscriptions(state: SnsState, params: URLSearchParams): string {
  return subscriptionsXml(state.subscriptions.list(), params.get("NextToken"));
}

export function listSubscriptionsByTopic(state: SnsState, params: URLSearchParams): string {
  const topic = state.topics.get(requiredParam(params, "TopicArn"));
  return subscriptionsXml(state.subscriptions.byTopic(topic.arn), params.get("NextToken"));
}

export function getSubscriptionAttributes(state: SnsState, params: URLSearchParams): string {
  const subscription = state.subscriptions.get(requiredParam(params, "SubscriptionArn"));
  return attributesXml({
    SubscriptionArn: subscription.arn,
    TopicArn: subscription.topicArn,
    Owner: ACCOUNT,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    PendingConfirmation: "false",
    ConfirmationWasAuthenticated: "true",
    ...settingsAttributes(subscription.settings),
  });
}

export function setSubscriptionAttributes(state: SnsState, params: URLSearchParams): string {
  const subscription = state.subscriptions.get(requiredParam(params, "SubscriptionArn"));
  state.subscriptions.setAttribute(
    subscription,
    requiredParam(params, "AttributeName"),
    params.get("AttributeValue") ?? "",
  );
  return "";
}
