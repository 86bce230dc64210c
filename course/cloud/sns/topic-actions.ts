// CreateTopic, ListTopics, GetTopicAttributes, SetTopicAttributes, DeleteTopic.

import { ACCOUNT } from "../../aws/identity.ts";
import { element } from "../iam/query-protocol.ts";
import { entryMap, requiredParam } from "./query-input.ts";
import type { SnsState } from "./sns-state.ts";
import type { Topic } from "./topics.ts";
import { attributesXml, page, recordsXml } from "./xml-output.ts";

const LIST_PAGE_SIZE = 100;

/** The access policy SNS gives a new topic: the owner may do everything. */
function defaultPolicy(topic: Topic): string {
  return JSON.stringify({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:AddPermission",
          "SNS:RemovePermission",
          "SNS:DeleteTopic",
          "SNS:Subscribe",
          "SNS:ListSubscriptionsByTopic",
          "SNS:Publish",
        ],
        Resource: topic.arn,
        Condition: { StringEquals: { "AWS:SourceOwner": ACCOUNT } },
      },
    ],
  });
}

const EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: "linear",
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: "text/plain; charset=UTF-8" },
  },
});

export function createTopic(state: SnsState, params: URLSearchParams): string {
  const topic = state.topics.create(requiredParam(params, "Name"), entryMap(params, "Attributes"));
  return element("TopicArn", topic.arn);
}

export function listTopics(state: SnsState, params: URLSearchParams): string {
  const { items, next } = page(state.topics.list(), params.get("NextToken"), LIST_PAGE_SIZE);
  const topics = recordsXml(
    "Topics",
    items.map((topic) => ({ TopicArn: topic.arn })),
  );
  return topics + (next ? element("NextToken", next) : "");
}

export function getTopicAttributes(state: SnsState, params: URLSearchParams): string {
  const topic = state.topics.get(requiredParam(params, "TopicArn"));
  const confirmed = state.subscriptions.byTopic(topic.arn).length;
  return attributesXml({
    TopicArn: topic.arn,
    Owner: ACCOUNT,
    DisplayName: "",
    Policy: defaultPolicy(topic),
    EffectiveDeliveryPolicy: EFFECTIVE_DELIVERY_POLICY,
    SubscriptionsConfirmed: String(confirmed),
    SubscriptionsPending: "0",
    SubscriptionsDeleted: "0",
    ...(topic.fifo ? { FifoTopic: "true" } : {}),
    ...Object.fromEntries(topic.attributes),
  });
}

export function setTopicAttributes(state: SnsState, params: URLSearchParams): string {
  const topic = state.topics.get(requiredParam(params, "TopicArn"));
  state.topics.setAttribute(topic, requiredParam(params, "AttributeName"), params.get("AttributeValue") ?? "");
  return "";
}

/** Idempotent: "deleting a topic that does not exist does not result in an error". */
export function deleteTopic(state: SnsState, params: URLSearchParams): string {
  const arn = requiredParam(params, "TopicArn");
  state.topics.delete(arn);
  state.subscriptions.removeTopic(arn);
  return "";
}
