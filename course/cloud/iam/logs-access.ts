// The IAM action and resource of each CloudWatch Logs operation the local
// cloud serves, as Logs names them in its AccessDeniedException: a log
// group's operations on "…:log-group:<name>:log-stream:", GetLogEvents on its
// stream, DescribeLogGroups on "…:log-group::log-stream:".
import type { EdgeRequest } from "../service.ts";
import { type Access, jsonBody, stringOf, targetOperation } from "./access.ts";
import { logGroupResource } from "./arns.ts";

export function logsAccess(request: EdgeRequest): Access[] {
  const operation = targetOperation(request.headers["x-amz-target"], "Logs_20140328");
  const input = jsonBody(request.body);
  if (!operation || !input) return [];
  const action = `logs:${operation}`;
  if (operation === "DescribeLogGroups") return [{ action, resources: [logGroupResource("")] }];
  const group = groupNameOf(input);
  if (group === undefined) return [{ action, resources: ["*"] }];
  const stream = operation === "GetLogEvents" ? (stringOf(input.logStreamName) ?? "") : "";
  return [{ action, resources: [logGroupResource(group, stream)] }];
}

/** logGroupName, or logGroupIdentifier (a name or an ARN) */
function groupNameOf(input: Record<string, unknown>): string | undefined {
  const name = stringOf(input.logGroupName);
  if (name !== undefined) return name;
  return stringOf(input.logGroupIdentifier)
    ?.replace(/^arn:aws[a-z-]*:logs:[^:]*:\d+:log-group:/, "")
    .replace(/:\*$/, "");
}
