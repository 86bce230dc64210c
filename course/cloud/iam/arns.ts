// The ARNs IAM evaluates requests against, for the local cloud's one account
// and region. The graph's own ARNs are used where it has the resource.
import { ACCOUNT, REGION } from "../../aws/identity.ts";
import type { CloudGraph } from "../../graph/model.ts";

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

/**
 * A queue's ARN from its URL ("…/<account>/<name>", the host naming the
 * region on AWS, the edge locally): the graph's ARN when it has the queue.
 */
export function queueArnFromUrl(graph: CloudGraph, queueUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(queueUrl);
  } catch {
    return undefined;
  }
  const [account, name, ...rest] = url.pathname.split("/").filter(Boolean);
  if (!account || !name || rest.length > 0) return undefined;
  const region = /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1] ?? REGION;
  return queueArn(graph, decodeURIComponent(name), account, region);
}

export function queueArn(graph: CloudGraph, queueName: string, account = ACCOUNT, region = REGION): string {
  const own = account === ACCOUNT && region === REGION;
  return (
    (own ? graph.queues.find((q) => q.name === queueName)?.arn : undefined) ??
    `arn:aws:sqs:${region}:${account}:${queueName}`
  );
}

export function topicArn(topicName: string): string {
  return `arn:aws:sns:${REGION}:${ACCOUNT}:${topicName}`;
}

const EVENT_BUS_ARN = /^arn:aws[a-z-]*:events:[^:]*:\d+:event-bus\//;

/** EventBridge takes a bus's name or ARN; no bus is the account's default bus */
export function eventBusArn(nameOrArn: string | undefined): string {
  if (nameOrArn && EVENT_BUS_ARN.test(nameOrArn)) return nameOrArn;
  return `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${nameOrArn || "default"}`;
}

/** a rule on a custom bus has the bus in its ARN: "…:rule/<bus>/<rule>"; on the default bus "…:rule/<rule>" */
export function ruleArn(busNameOrArn: string | undefined, ruleName: string): string {
  const bus = (busNameOrArn ?? "").replace(EVENT_BUS_ARN, "") || "default";
  return `arn:aws:events:${REGION}:${ACCOUNT}:rule/${bus === "default" ? "" : `${bus}/`}${ruleName}`;
}
