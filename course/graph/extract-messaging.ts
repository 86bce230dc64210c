// The messaging part of the graph: queues and the mappings that poll them,
// topics and their subscriptions, buses and their rules. Read from the aws:*
// children SST creates, with AWS's defaults where an input is absent (SST
// leaves retention, long polling and message size to AWS).
import { parseFunctionName } from "../cloud/lambda/function-name.ts";
import type { RecordedResource } from "./mocks.ts";
import type {
  BusSpec,
  CloudGraph,
  EventSourceMappingSpec,
  FunctionSpec,
  QueueSpec,
  RuleSpec,
  RuleTargetSpec,
  TopicSpec,
  TopicSubscriptionSpec,
} from "./model.ts";

export type MessagingGraph = Pick<
  CloudGraph,
  "queues" | "eventSourceMappings" | "topics" | "topicSubscriptions" | "buses" | "rules"
>;

type OfType = (type: string) => RecordedResource[];

export function extractMessaging(ofType: OfType, functions: FunctionSpec[]): MessagingGraph {
  return {
    queues: ofType("aws:sqs/queue:Queue").map(queueOf),
    eventSourceMappings: ofType("aws:lambda/eventSourceMapping:EventSourceMapping").map((m) => mappingOf(m, functions)),
    topics: ofType("aws:sns/topic:Topic").map(topicOf),
    topicSubscriptions: ofType("aws:sns/topicSubscription:TopicSubscription").map(subscriptionOf),
    buses: ofType("aws:cloudwatch/eventBus:EventBus").map(busOf),
    rules: ofType("aws:cloudwatch/eventRule:EventRule").map((r) =>
      ruleOf(r, ofType("aws:cloudwatch/eventTarget:EventTarget")),
    ),
  };
}

const numberOr = (value: unknown, fallback: number): number =>
  value === undefined || value === null || value === "" ? fallback : Number(value);

function queueOf(q: RecordedResource): QueueSpec {
  const redrive = redriveOf(q);
  return {
    id: q.name,
    name: String(q.state.name),
    arn: String(q.state.arn),
    url: String(q.state.url),
    fifo: q.inputs.fifoQueue === true,
    contentBasedDeduplication: q.inputs.contentBasedDeduplication === true,
    visibilityTimeoutSeconds: numberOr(q.inputs.visibilityTimeoutSeconds, 30),
    delaySeconds: numberOr(q.inputs.delaySeconds, 0),
    receiveWaitTimeSeconds: numberOr(q.inputs.receiveWaitTimeSeconds, 0),
    messageRetentionSeconds: numberOr(q.inputs.messageRetentionSeconds, 345_600),
    maximumMessageSize: numberOr(q.inputs.maxMessageSize, 262_144),
    ...(redrive ? { redrive } : {}),
  };
}

/** redrivePolicy is a JSON string: {"deadLetterTargetArn": …, "maxReceiveCount": …} */
function redriveOf(q: RecordedResource): QueueSpec["redrive"] {
  const policy = q.inputs.redrivePolicy;
  if (typeof policy !== "string" || policy.trim() === "") return undefined;
  let parsed: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw new Error(`The redrivePolicy of queue "${q.name}" is not JSON: ${policy}`);
  }
  if (typeof parsed.deadLetterTargetArn !== "string") return undefined;
  return { deadLetterTargetArn: parsed.deadLetterTargetArn, maxReceiveCount: Number(parsed.maxReceiveCount) };
}

/** Lambda's default batch size: 10 for SQS, 100 for the streams */
const defaultBatchSize = (sourceArn: string): number => (sourceArn.startsWith("arn:aws:sqs:") ? 10 : 100);

function mappingOf(m: RecordedResource, functions: FunctionSpec[]): EventSourceMappingSpec {
  const eventSourceArn = String(m.inputs.eventSourceArn ?? "");
  const filters = (m.inputs.filterCriteria?.filters ?? []) as { pattern?: string }[];
  const maximumConcurrency = m.inputs.scalingConfig?.maximumConcurrency;
  return {
    id: m.name,
    ...(m.state.uuid ? { uuid: String(m.state.uuid) } : {}),
    functionArn: functionArnOf(String(m.inputs.functionName ?? ""), functions),
    eventSourceArn,
    batchSize: numberOr(m.inputs.batchSize, defaultBatchSize(eventSourceArn)),
    maximumBatchingWindowSeconds: numberOr(m.inputs.maximumBatchingWindowInSeconds, 0),
    reportBatchItemFailures: ((m.inputs.functionResponseTypes ?? []) as string[]).includes("ReportBatchItemFailures"),
    filterPatterns: filters.flatMap((f) => (typeof f.pattern === "string" ? [f.pattern] : [])),
    enabled: m.inputs.enabled !== false,
    ...(maximumConcurrency !== undefined ? { maximumConcurrency: Number(maximumConcurrency) } : {}),
  };
}

/**
 * functionName takes a name, a partial or full ARN, each maybe qualified
 * (SST passes a version's ARN when versioning is on): the local cloud runs
 * one version of each function, so the mapping points at the function itself.
 */
function functionArnOf(functionName: string, functions: FunctionSpec[]): string {
  const name = parseFunctionName(functionName)?.name ?? functionName;
  return functions.find((f) => f.arn === functionName || f.name === name)?.arn ?? functionName;
}

function topicOf(t: RecordedResource): TopicSpec {
  return { id: t.name, name: String(t.state.name), arn: String(t.state.arn), fifo: t.inputs.fifoTopic === true };
}

function subscriptionOf(s: RecordedResource): TopicSubscriptionSpec {
  const filterPolicy = s.inputs.filterPolicy;
  return {
    id: s.name,
    ...(s.state.arn ? { arn: String(s.state.arn) } : {}),
    topicArn: String(s.inputs.topic),
    protocol: String(s.inputs.protocol),
    endpoint: String(s.inputs.endpoint),
    rawMessageDelivery: s.inputs.rawMessageDelivery === true,
    ...(typeof filterPolicy === "string" && filterPolicy !== "" ? { filterPolicy } : {}),
    filterPolicyScope: s.inputs.filterPolicyScope === "MessageBody" ? "MessageBody" : "MessageAttributes",
  };
}

function busOf(b: RecordedResource): BusSpec {
  return { id: b.name, name: String(b.state.name), arn: String(b.state.arn) };
}

/** eventBusName takes a bus's name or its ARN; no bus is the account's default bus */
function busNameOf(eventBusName: unknown): string {
  if (typeof eventBusName !== "string" || eventBusName === "") return "default";
  return eventBusName.replace(/^arn:aws[a-z-]*:events:[^:]*:\d+:event-bus\//, "");
}

/** `state` is ENABLED, DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS; older code sets `isEnabled` */
function ruleEnabled(r: RecordedResource): boolean {
  if (typeof r.inputs.state === "string") return r.inputs.state !== "DISABLED";
  return r.inputs.isEnabled !== false;
}

function ruleOf(r: RecordedResource, targets: RecordedResource[]): RuleSpec {
  const name = String(r.state.name);
  const busName = busNameOf(r.inputs.eventBusName);
  return {
    id: r.name,
    name,
    arn: String(r.state.arn),
    busName,
    eventPattern: String(r.inputs.eventPattern ?? ""),
    ...(typeof r.inputs.scheduleExpression === "string" ? { scheduleExpression: r.inputs.scheduleExpression } : {}),
    enabled: ruleEnabled(r),
    targets: targets
      .filter((t) => t.inputs.rule === name && busNameOf(t.inputs.eventBusName) === busName)
      .map(targetOf),
  };
}

function targetOf(t: RecordedResource): RuleTargetSpec {
  const transformer = t.inputs.inputTransformer as
    | { inputPaths?: Record<string, string>; inputTemplate?: string }
    | undefined;
  return {
    id: String(t.inputs.targetId ?? t.name),
    arn: String(t.inputs.arn),
    ...(typeof t.inputs.input === "string" ? { input: t.inputs.input } : {}),
    ...(typeof t.inputs.inputPath === "string" ? { inputPath: t.inputs.inputPath } : {}),
    ...(transformer
      ? {
          inputTransformer: {
            inputPathsMap: transformer.inputPaths ?? {},
            inputTemplate: String(transformer.inputTemplate ?? ""),
          },
        }
      : {}),
  };
}
