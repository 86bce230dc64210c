// The ARNs IAM evaluates requests against, for the local cloud's one account
// and region. The graph's own ARNs are used where it has the resource.
import { ACCOUNT, REGION } from "../../graph/mocks.ts";
import type { CloudGraph } from "../../graph/model.ts";

export { ACCOUNT, REGION };

export function tableArn(graph: CloudGraph, tableName: string): string {
  // DynamoDB takes a table's ARN wherever it takes its name
  if (tableName.startsWith("arn:")) return tableName;
  return (
    graph.tables.find((t) => t.name === tableName)?.arn ?? `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${tableName}`
  );
}

export function indexArn(graph: CloudGraph, tableName: string, indexName: string): string {
  return `${tableArn(graph, tableName)}/index/${indexName}`;
}

export function functionArn(graph: CloudGraph, name: string, qualifier?: string): string {
  const arn =
    graph.functions.find((f) => f.name === name)?.arn ?? `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
  return qualifier ? `${arn}:${qualifier}` : arn;
}

/**
 * What CloudWatch Logs evaluates operations on a whole log group against, and
 * names in its AccessDeniedException: "…:log-group:<name>:log-stream:" (and
 * "…:log-group::log-stream:" for DescribeLogGroups, which names no group).
 */
export function logGroupResource(groupName: string, streamName = ""): string {
  return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${groupName}:log-stream:${streamName}`;
}

export function roleArn(roleName: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${roleName}`;
}

/** "arn:aws:iam::000000000000:role/path/name" → "name" */
export function roleNameOf(arn: string): string {
  return (
    arn
      .slice(arn.indexOf(":role/") + ":role/".length)
      .split("/")
      .at(-1) ?? arn
  );
}

/** the identity a function's calls are made as: its role, in a session named after the function */
export function assumedRoleArn(role: string, sessionName: string): string {
  return `arn:aws:sts::${ACCOUNT}:assumed-role/${roleNameOf(role)}/${sessionName}`;
}
