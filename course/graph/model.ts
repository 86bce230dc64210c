// The resource graph the local cloud serves: what SST's real components
// created under Pulumi mocks, reduced to the facts each emulated service needs.

export interface PolicyStatement {
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string[];
}

export interface FunctionSpec {
  /** SST's component name, e.g. "ApiRouteAbcdefHandler" */
  id: string;
  /** physical Lambda name */
  name: string;
  arn: string;
  /** handler as SST resolves it: "<file without extension>.<export>", relative to the project root */
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memoryMB: number;
  environment: Record<string, string>;
  roleArn: string;
  /** inline policy statements of the function's role */
  policy: PolicyStatement[];
  logGroup: string;
}

export interface TableSpec {
  id: string;
  name: string;
  arn: string;
  hashKey: string;
  rangeKey?: string;
  attributes: { name: string; type: "S" | "N" | "B" }[];
  globalIndexes: { name: string; hashKey: string; rangeKey?: string }[];
  streamViewType?: string;
}

export interface HttpRouteSpec {
  routeKey: string;
  functionArn: string;
}

export interface HttpApiSpec {
  id: string;
  name: string;
  endpoint: string;
  routes: HttpRouteSpec[];
}

/** aws:sqs/queue:Queue, with AWS's defaults filled in where the input is absent */
export interface QueueSpec {
  id: string;
  name: string;
  arn: string;
  url: string;
  fifo: boolean;
  contentBasedDeduplication: boolean;
  /** default 30 */
  visibilityTimeoutSeconds: number;
  /** default 0 */
  delaySeconds: number;
  /** default 0 */
  receiveWaitTimeSeconds: number;
  /** default 345600 (4 days) */
  messageRetentionSeconds: number;
  /** default 262144 (256 KiB) */
  maximumMessageSize: number;
  redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
}

/** aws:lambda/eventSourceMapping:EventSourceMapping (SQS here; streams later) */
export interface EventSourceMappingSpec {
  id: string;
  /** the UUID Lambda's API names the mapping by */
  uuid?: string;
  functionArn: string;
  eventSourceArn: string;
  /** default 10 for SQS */
  batchSize: number;
  /** default 0 */
  maximumBatchingWindowSeconds: number;
  /** functionResponseTypes contains "ReportBatchItemFailures" */
  reportBatchItemFailures: boolean;
  /** filterCriteria.filters[].pattern, as JSON strings */
  filterPatterns: string[];
  enabled: boolean;
  /** scalingConfig.maximumConcurrency, if set */
  maximumConcurrency?: number;
}

/** aws:sns/topic:Topic */
export interface TopicSpec {
  id: string;
  name: string;
  arn: string;
  fifo: boolean;
}

/** aws:sns/topicSubscription:TopicSubscription */
export interface TopicSubscriptionSpec {
  id: string;
  /** the SubscriptionArn: the topic's ARN and a UUID */
  arn?: string;
  topicArn: string;
  protocol: string;
  /** the function's or queue's ARN */
  endpoint: string;
  rawMessageDelivery: boolean;
  /** JSON filter policy, if any */
  filterPolicy?: string;
  /** default "MessageAttributes" */
  filterPolicyScope: "MessageAttributes" | "MessageBody";
}

/** aws:cloudwatch/eventBus:EventBus */
export interface BusSpec {
  id: string;
  name: string;
  arn: string;
}

export interface RuleTargetSpec {
  /** the target's Id within its rule (targetId) */
  id: string;
  arn: string;
  input?: string;
  inputPath?: string;
  inputTransformer?: { inputPathsMap: Record<string, string>; inputTemplate: string };
}

/** aws:cloudwatch/eventRule:EventRule with its aws:cloudwatch/eventTarget:EventTarget children */
export interface RuleSpec {
  id: string;
  name: string;
  arn: string;
  /** the bus's name; "default" when absent */
  busName: string;
  /** "" for a scheduled rule */
  eventPattern: string;
  /** rate(…) or cron(…), for a scheduled rule (sst.aws.Cron) */
  scheduleExpression?: string;
  enabled: boolean;
  targets: RuleTargetSpec[];
}

export interface CloudGraph {
  app: { name: string; stage: string };
  functions: FunctionSpec[];
  tables: TableSpec[];
  httpApis: HttpApiSpec[];
  queues: QueueSpec[];
  eventSourceMappings: EventSourceMappingSpec[];
  topics: TopicSpec[];
  topicSubscriptions: TopicSubscriptionSpec[];
  buses: BusSpec[];
  rules: RuleSpec[];
  /** what `run()` returned, resolved: the content of .sst/outputs.json */
  outputs: Record<string, unknown>;
  /** every aws:* resource type seen, with a count, for `course status` and tests */
  resourceTypes: Record<string, number>;
}
