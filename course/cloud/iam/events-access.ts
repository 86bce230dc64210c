// The IAM action and resource of each EventBridge operation (Service
// Authorization Reference, "Actions defined by Amazon EventBridge"): the
// action is named after the operation; PutEvents acts on the bus of each entry
// (the default bus when an entry names none), a rule's operations on the
// rule's ARN (which names its bus unless that is the default), a bus's
// operations on the bus, tagging on the ARN it names, anything else on "*".
import type { EdgeRequest } from "../service.ts";
import { type Access, jsonBody, stringOf, targetOperation } from "./access.ts";
import { eventBusArn, ruleArn } from "./arns.ts";

/** operations on one rule, and the parameter that names it */
const RULE_PARAMETER: Record<string, string> = {
  PutRule: "Name",
  DeleteRule: "Name",
  DescribeRule: "Name",
  EnableRule: "Name",
  DisableRule: "Name",
  PutTargets: "Rule",
  RemoveTargets: "Rule",
  ListTargetsByRule: "Rule",
};

/** operations on one bus, and the parameter that names it */
const BUS_PARAMETER: Record<string, string> = {
  CreateEventBus: "Name",
  DeleteEventBus: "Name",
  DescribeEventBus: "Name",
  UpdateEventBus: "Name",
  PutPermission: "EventBusName",
  RemovePermission: "EventBusName",
};

export function eventsAccess(request: EdgeRequest): Access[] {
  const operation = targetOperation(request.headers["x-amz-target"], "AWSEvents");
  const input = jsonBody(request.body);
  if (!operation || !input) return [];
  const action = `events:${operation}`;

  if (operation === "PutEvents") {
    if (!Array.isArray(input.Entries)) return [];
    const buses = input.Entries.map((entry: { EventBusName?: unknown } | null) =>
      eventBusArn(stringOf(entry?.EventBusName)),
    );
    return [{ action, resources: [...new Set(buses)] }];
  }
  const ruleParameter = RULE_PARAMETER[operation];
  if (ruleParameter) {
    const rule = stringOf(input[ruleParameter]);
    return rule ? [{ action, resources: [ruleArn(stringOf(input.EventBusName), rule)] }] : [];
  }
  const busParameter = BUS_PARAMETER[operation];
  if (busParameter) return [{ action, resources: [eventBusArn(stringOf(input[busParameter]))] }];
  const tagged = stringOf(input.ResourceARN);
  return [{ action, resources: [tagged ?? "*"] }];
}
