// The IAM action and resource of each SNS operation (Service Authorization
// Reference, "Actions defined by Amazon SNS"), as the query protocol carries
// them: the action is named after the operation (PublishBatch needs
// sns:Publish); the resource is the topic, named by TopicArn (TargetArn for a
// direct publish, ResourceArn for tags, Name for CreateTopic), or the topic
// of the SubscriptionArn an operation on one subscription names; "*" for the
// account-wide listings and for a text message to a phone number.
import type { EdgeRequest } from "../service.ts";
import type { Access } from "./access.ts";
import { topicArn } from "./arns.ts";
import { queryParams } from "./query-protocol.ts";

export function snsAccess(request: EdgeRequest): Access[] {
  const params = queryParams(request);
  const operation = params.get("Action");
  if (!operation) return [];
  const action = `sns:${operation === "PublishBatch" ? "Publish" : operation}`;
  const resource = resourceOf(operation, params);
  return resource ? [{ action, resources: [resource] }] : [];
}

function resourceOf(operation: string, params: URLSearchParams): string | undefined {
  const named = params.get("TopicArn") ?? params.get("TargetArn") ?? params.get("ResourceArn");
  if (named) return named;
  const subscription = params.get("SubscriptionArn");
  // "arn:aws:sns:<region>:<account>:<topic>:<uuid>" → the topic's ARN
  if (subscription) return subscription.slice(0, subscription.lastIndexOf(":"));
  if (operation === "CreateTopic") {
    const name = params.get("Name");
    return name ? topicArn(name) : undefined;
  }
  if (operation === "Publish" && !params.has("PhoneNumber")) return undefined;
  return "*";
}
