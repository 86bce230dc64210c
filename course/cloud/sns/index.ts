// Amazon SNS in the local cloud: topics, subscriptions to functions and
// queues, filter policies, Publish and PublishBatch.

export { acceptsMessage } from "./filter-match.ts";
export { type FilterPolicy, type FilterPolicyScope, parseFilterPolicy } from "./filter-policy.ts";
export { SnsService, type SnsServiceOptions } from "./sns-service.ts";
