// Amazon EventBridge in the local cloud: buses, rules matched with the
// event-pattern matcher, Lambda and SQS targets with their input
// transformations, PutEvents and TestEventPattern.
export { EventBridgeService, type EventBridgeServiceOptions } from "./eventbridge-service.ts";
export { renderTemplate } from "./input-template.ts";
export { readJsonPath } from "./json-path.ts";
