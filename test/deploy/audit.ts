// What a lab deployed to a learner's account must be, read off the resources
// its SST app registers under Pulumi mocks. Each rule returns the violations
// it finds, as sentences; an empty list means the app is safe to deploy.
import fs from "node:fs";
import path from "node:path";
import type { Evaluation } from "../../course/graph/evaluate.ts";
import type { RecordedResource } from "../../course/graph/mocks.ts";
import type { LabManifest } from "../../course/lab-runner/manifest.ts";
import { PLATFORM_DIR } from "../../course/paths.ts";

export interface AuditContext {
  lab: string;
  stage: string;
  manifest: LabManifest;
}

type Rule = (ev: Evaluation, ctx: AuditContext) => string[];

const PULUMI_AWS = path.join(PLATFORM_DIR, "node_modules", "@pulumi", "aws");
const taggableCache = new Map<string, boolean>();

/**
 * Whether a resource type takes tags, from @pulumi/aws's own declaration of its
 * arguments (`aws:dynamodb/table:Table` → dynamodb/table.d.ts, `TableArgs`):
 * independent of the transformation in infra/tags.ts, which it checks.
 */
export function taggable(type: string): boolean {
  const cached = taggableCache.get(type);
  if (cached !== undefined) return cached;
  const [, modulePath, className] = type.split(":");
  const file = path.join(PULUMI_AWS, `${modulePath}.d.ts`);
  let result = false;
  if (modulePath && className && fs.existsSync(file)) {
    const source = fs.readFileSync(file, "utf8");
    const start = source.indexOf(`export interface ${className}Args {`);
    if (start >= 0) {
      const body = source.slice(start, source.indexOf("\n}", start));
      result = /\n\s+tags\?:/.test(body);
    }
  }
  taggableCache.set(type, result);
  return result;
}

const awsResources = (ev: Evaluation) => (ev.resources ?? []).filter((r) => r.type.startsWith("aws:"));
const label = (r: RecordedResource) => `${r.type.split(":")[1]} "${r.name}"`;

export const tagRule: Rule = (ev, { lab, stage }) => {
  const expected: Record<string, string> = { course: "serverless-course", lab, stage };
  const problems: string[] = [];
  const defaults = (ev.app?.providers.aws as { defaultTags?: { tags?: Record<string, string> } } | undefined)
    ?.defaultTags?.tags;
  for (const [key, value] of Object.entries(expected)) {
    if (defaults?.[key] !== value)
      problems.push(`providers.aws.defaultTags has ${key}=${defaults?.[key]}, not ${value}`);
  }
  for (const r of awsResources(ev)) {
    if (!taggable(r.type)) continue;
    const tags = (r.inputs.tags ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(expected)) {
      if (tags[key] !== value) problems.push(`${label(r)} has no tag ${key}=${value}`);
    }
  }
  return problems;
};

/**
 * A queue policy is an attribute of its queue, not a resource of its own: SST
 * retains the policies it writes for topic and bus subscriptions to a queue,
 * and they still go when `sst remove` deletes the queue itself.
 */
function goesWithItsQueue(r: RecordedResource, ev: Evaluation): boolean {
  const url = r.inputs.queueUrl;
  return (
    r.type === "aws:sqs/queuePolicy:QueuePolicy" &&
    typeof url === "string" &&
    awsResources(ev).some(
      (q) => q.type === "aws:sqs/queue:Queue" && !q.options?.retainOnDelete && url.endsWith(`/${q.inputs.name}`),
    )
  );
}

export const removalRule: Rule = (ev) => {
  const problems: string[] = [];
  if (ev.app?.removal !== "remove") problems.push(`the app's removal is "${ev.app?.removal}", not "remove"`);
  if (ev.app?.protect) problems.push("the app is protected: `sst remove` refuses to run");
  for (const r of ev.resources ?? []) {
    if (r.options?.retainOnDelete && !goesWithItsQueue(r, ev)) {
      problems.push(`${label(r)} is retained when the stage is removed`);
    }
    if (r.options?.protect) problems.push(`${label(r)} is protected from deletion`);
  }
  return problems;
};

/**
 * Actions that have no resource type in the AWS Service Authorization Reference
 * (docs.aws.amazon.com/service-authorization/latest/reference/): "*" is the only
 * resource they can be granted on.
 */
export const NO_RESOURCE_LEVEL = new Set([
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
  "xray:GetSamplingStatisticSummaries",
  "cloudwatch:PutMetricData",
  "sts:GetCallerIdentity",
  "kinesis:ListStreams",
  "sqs:ListQueues",
  "sns:ListTopics",
  "dynamodb:ListTables",
  "lambda:ListFunctions",
  "states:ListStateMachines",
  // granted on "*" by linking sst.aws.StepFunctions: a task token is not a resource
  "states:SendTaskSuccess",
  "states:SendTaskFailure",
  "states:SendTaskHeartbeat",
]);

/** AWS managed policies SST attaches on its own; anything else attached is a finding. */
export const ALLOWED_MANAGED_POLICIES = new Set([
  "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
  "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
  "arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole",
  "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
]);

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function statementsOf(policy: unknown): Statement[] {
  const doc = (typeof policy === "string" ? JSON.parse(policy) : policy) as { Statement?: Statement | Statement[] };
  return doc?.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

export const iamRule: Rule = (ev) => {
  const problems: string[] = [];
  const check = (where: string, policy: unknown) => {
    for (const s of statementsOf(policy)) {
      if ((s.Effect ?? "Allow") !== "Allow") continue;
      const actions = list(s.Action);
      if (s.NotAction) problems.push(`${where} allows everything but ${list(s.NotAction).join(", ")} (NotAction)`);
      if (s.NotResource) problems.push(`${where} allows every resource but some (NotResource)`);
      for (const action of actions) {
        if (action === "*" || action === "*:*") problems.push(`${where} allows action "${action}"`);
      }
      if (list(s.Resource).includes("*")) {
        const scoped = actions.filter((a) => !NO_RESOURCE_LEVEL.has(a));
        if (scoped.length) problems.push(`${where} allows ${scoped.join(", ")} on resource "*"`);
      }
    }
  };
  for (const r of awsResources(ev)) {
    if (r.type === "aws:iam/role:Role") {
      for (const inline of (r.inputs.inlinePolicies ?? []) as { name?: string; policy?: unknown }[]) {
        if (inline.policy) check(`${label(r)} policy "${inline.name ?? ""}"`, inline.policy);
      }
      for (const arn of (r.inputs.managedPolicyArns ?? []) as string[]) {
        if (!ALLOWED_MANAGED_POLICIES.has(arn)) problems.push(`${label(r)} has managed policy ${arn} attached`);
      }
    }
    if (r.type === "aws:iam/rolePolicy:RolePolicy" || r.type === "aws:iam/policy:Policy") {
      if (r.inputs.policy) check(label(r), r.inputs.policy);
    }
    if (r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
      if (!ALLOWED_MANAGED_POLICIES.has(r.inputs.policyArn)) {
        problems.push(`${label(r)} attaches ${r.inputs.policyArn}`);
      }
    }
  }
  return problems;
};

/** `name` inputs that are not physical names of their own. */
const NOT_PHYSICAL: Record<string, (name: string) => boolean> = {
  // an HTTP API's auto-deployed stage is part of the API
  "aws:apigatewayv2/stage:Stage": (name) => name === "$default",
};

export const namingRule: Rule = (ev, { lab, stage }) => {
  const problems: string[] = [];
  const labPrefix = `course-${lab.slice(0, 2)}`;
  for (const r of awsResources(ev)) {
    const name = r.inputs.name;
    if (typeof name !== "string" || NOT_PHYSICAL[r.type]?.(name)) continue;
    const physical = name.split("/").pop()!;
    if (!physical.startsWith(labPrefix) || !physical.includes(`-${stage}-`)) {
      problems.push(`${label(r)} is named "${name}": it should start with ${labPrefix}… and show stage ${stage}`);
    }
  }
  return problems;
};

/** Types that open a way in from the internet besides an HTTP API. */
const PUBLIC_ENTRY_TYPES = [
  "aws:lambda/functionUrl:FunctionUrl",
  "aws:apigateway/restApi:RestApi",
  "aws:appsync/graphQLApi:GraphQLApi",
  "aws:cloudfront/distribution:Distribution",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:ec2/instance:Instance",
];

export const exposureRule: Rule = (ev) => {
  const problems: string[] = [];
  const apis = awsResources(ev).filter((r) => r.type === "aws:apigatewayv2/api:Api");
  const ownApis = apis.map((a) => String(a.state.executionArn));
  for (const r of awsResources(ev)) {
    if (PUBLIC_ENTRY_TYPES.includes(r.type)) problems.push(`${label(r)} is reachable from the internet`);
    if (r.type === "aws:lambda/permission:Permission") {
      const { principal, sourceArn } = r.inputs as { principal?: string; sourceArn?: string };
      if (principal === "*" || !principal?.endsWith(".amazonaws.com")) {
        problems.push(`${label(r)} lets ${principal} invoke a function`);
      } else if (!sourceArn) {
        problems.push(`${label(r)} lets any ${principal} resource invoke a function (no sourceArn)`);
      } else if (principal === "apigateway.amazonaws.com" && !ownApis.some((arn) => sourceArn.startsWith(arn))) {
        problems.push(`${label(r)} lets an API outside this lab (${sourceArn}) invoke a function`);
      }
    }
    for (const [type, key] of [
      ["aws:s3/bucketPolicy:BucketPolicy", "policy"],
      ["aws:sqs/queuePolicy:QueuePolicy", "policy"],
      ["aws:sns/topicPolicy:TopicPolicy", "policy"],
    ] as const) {
      if (r.type !== type || !r.inputs[key]) continue;
      const doc = (typeof r.inputs[key] === "string" ? JSON.parse(r.inputs[key]) : r.inputs[key]) as {
        Statement?: { Effect?: string; Principal?: unknown; Condition?: unknown }[];
      };
      for (const s of doc.Statement ?? []) {
        const anyone = s.Principal === "*" || (s.Principal as { AWS?: unknown })?.AWS === "*";
        if ((s.Effect ?? "Allow") === "Allow" && anyone && !s.Condition) problems.push(`${label(r)} allows anyone`);
      }
    }
    if (r.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock") {
      for (const key of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
        if (r.inputs[key] === false) problems.push(`${label(r)} sets ${key}=false`);
      }
    }
  }
  return problems;
};

/** Types that bill by the hour whether or not anyone uses them. */
export const IDLE_BILLED: Record<string, string> = {
  "aws:kinesis/stream:Stream": "a Kinesis stream",
  "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": "provisioned concurrency",
  "aws:ec2/natGateway:NatGateway": "a NAT gateway",
  "aws:rds/instance:Instance": "an RDS instance",
  "aws:rds/cluster:Cluster": "an RDS cluster",
  "aws:ec2/instance:Instance": "an EC2 instance",
  "aws:elasticache/cluster:Cluster": "an ElastiCache cluster",
  "aws:kms/key:Key": "a KMS key",
  "aws:secretsmanager/secret:Secret": "a Secrets Manager secret",
};

/** What the manifest's cost promises, and the settings that keep a forgotten lab cheap. */
export const costRule: Rule = (ev, { manifest }) => {
  const problems: string[] = [];
  if (!manifest.cost) problems.push(`the manifest of ${manifest.slug} states no cost`);
  for (const r of awsResources(ev)) {
    if (manifest.cost?.perDayUsd === 0 && IDLE_BILLED[r.type]) {
      problems.push(`${label(r)} is ${IDLE_BILLED[r.type]}, which bills while idle, but the manifest says $0 a day`);
    }
    if (r.type === "aws:dynamodb/table:Table" && r.inputs.billingMode !== "PAY_PER_REQUEST") {
      problems.push(`${label(r)} is billed as ${r.inputs.billingMode}, not on demand`);
    }
    if (r.type === "aws:kinesis/stream:Stream" && r.inputs.streamModeDetails?.streamMode !== "ON_DEMAND") {
      problems.push(`${label(r)} is not an on-demand stream`);
    }
    if (r.type === "aws:cloudwatch/logGroup:LogGroup" && !r.inputs.retentionInDays) {
      problems.push(`${label(r)} keeps logs for ever (no retentionInDays)`);
    }
  }
  return problems;
};

export const RULES = {
  tags: tagRule,
  removal: removalRule,
  iam: iamRule,
  naming: namingRule,
  exposure: exposureRule,
  cost: costRule,
} satisfies Record<string, Rule>;

export function audit(ev: Evaluation, ctx: AuditContext): Record<keyof typeof RULES, string[]> {
  return Object.fromEntries(Object.entries(RULES).map(([name, rule]) => [name, rule(ev, ctx)])) as Record<
    keyof typeof RULES,
    string[]
  >;
}
