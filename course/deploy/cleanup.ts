// `course cleanup`: find what the course left in an AWS account and region,
// say what each thing may cost, and delete it (never with --dry-run).
//
// Found three ways, because no single one sees everything:
// - the Resource Groups Tagging API (GetResources), for everything tagged
//   course=serverless-course (our tags) or sst:app=course-* (SST's own);
// - IAM roles by name prefix `course-`, since GetResources "does not currently
//   support IAM users and roles" (AWS Resource Groups Tagging API reference,
//   "Services that support the Resource Groups Tagging API");
// - SST's own leftovers per app and stage: the state files in the bootstrap
//   state bucket (`<key>/<app>/<stage>.json` and `<key>/<app>/<stage>/…`) and
//   the passphrase parameter `/sst/passphrase/<app>/<stage>` in SSM.
// SST's bootstrap itself (`/sst/bootstrap`, the `sst-state-*` and `sst-asset-*`
// buckets, the `sst-asset` ECR repository) is shared by every SST app in the
// account and region: it is named, never deleted. Function code zips in the
// asset bucket carry neither app nor stage in their keys, so they stay too.
import { CloudWatchLogsClient, DeleteLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  RemoveRoleFromInstanceProfileCommand,
} from "@aws-sdk/client-iam";
import { DeleteEventSourceMappingCommand, DeleteFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { AwsApiError, type AwsClient, awsClient, xmlError } from "./aws.ts";

export const COURSE_TAG = { key: "course", value: "serverless-course" } as const;
export const ROLE_PREFIX = "course-";
export const APP_PREFIX = "course-";

export interface Leftover {
  /** what it is, for people: "Lambda function" */
  kind: string;
  /** its name or id */
  name: string;
  /** ARN, or a path for SST's state and parameters */
  id: string;
  stage?: string;
  lab?: string;
  /** what it costs or risks while it exists */
  risk: string;
  /** how cleanup found it */
  foundBy: "tag" | "role name" | "sst state" | "sst bootstrap";
  /** shared by every SST app in the account and region: listed, never deleted */
  shared?: boolean;
  /** lower goes first: APIs before functions before tables before roles */
  order: number;
}

export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

/** What cleanup needs from AWS: small enough to fake in a test. */
export interface CleanupApi {
  region: string;
  /** Resource Groups Tagging API GetResources, all pages */
  taggedResources(filters: { key: string; values: string[] }[]): Promise<TaggedResource[]>;
  /** IAM roles whose name starts with the prefix, with their tags */
  roles(prefix: string): Promise<{ name: string; arn: string; tags: Record<string, string> }[]>;
  /** SSM parameter names under a path prefix */
  parameters(prefix: string): Promise<string[]>;
  /** SST's bootstrap record, /sst/bootstrap, when there is one */
  bootstrap(): Promise<{ state?: string; asset?: string } | undefined>;
  /** object keys of a bucket (all pages) */
  objectKeys(bucket: string): Promise<string[]>;
  /** delete one leftover; resolves when it is gone (also when it was gone already) */
  remove(leftover: Leftover): Promise<void>;
}

export interface FindOptions {
  /** one stage, or every stage of the course when undefined */
  stage?: string;
}

export async function findLeftovers(api: CleanupApi, options: FindOptions): Promise<Leftover[]> {
  const { stage } = options;
  const found = new Map<string, Leftover>();
  const add = (l: Leftover) => {
    if (!found.has(l.id)) found.set(l.id, l);
  };

  const ours = [
    { key: COURSE_TAG.key, values: [COURSE_TAG.value] },
    ...(stage ? [{ key: "stage", values: [stage] }] : []),
  ];
  const sstTagged = stage ? [{ key: "sst:stage", values: [stage] }] : [{ key: "sst:app", values: [] as string[] }];
  const tagged = [...(await api.taggedResources(ours)), ...(await api.taggedResources(sstTagged))];
  for (const r of tagged) {
    const app = r.tags["sst:app"];
    const isOurs = r.tags[COURSE_TAG.key] === COURSE_TAG.value || app?.startsWith(APP_PREFIX);
    if (!isOurs) continue;
    const resourceStage = r.tags.stage ?? r.tags["sst:stage"];
    if (stage && resourceStage !== stage) continue;
    const lab = r.tags.lab ?? (app?.startsWith(APP_PREFIX) ? app.slice(APP_PREFIX.length) : undefined);
    add({
      ...describeArn(r.arn),
      id: r.arn,
      foundBy: "tag",
      ...(resourceStage ? { stage: resourceStage } : {}),
      ...(lab ? { lab } : {}),
    });
  }

  for (const role of await api.roles(ROLE_PREFIX)) {
    const roleStage = role.tags.stage ?? role.tags["sst:stage"];
    const tagsSayOurs = role.tags[COURSE_TAG.key] === COURSE_TAG.value || role.tags["sst:app"]?.startsWith(APP_PREFIX);
    // An untagged role (say, from a deploy that failed before tagging) counts when its name says so.
    const matches = stage
      ? roleStage
        ? roleStage === stage
        : roleNameStage(role.name, stage)
      : tagsSayOurs || /^course-\d\d-/.test(role.name);
    if (!matches) continue;
    add({
      kind: "IAM role",
      name: role.name,
      id: role.arn,
      risk: "free, but it grants whatever its policies allow until deleted",
      foundBy: "role name",
      order: 6,
      ...(roleStage || stage ? { stage: roleStage ?? stage } : {}),
      ...(role.tags.lab ? { lab: role.tags.lab } : {}),
    });
  }

  for (const name of await api.parameters(`/sst/passphrase/${APP_PREFIX}`)) {
    const [, , , app, paramStage] = name.split("/");
    if (!app || !paramStage || (stage && paramStage !== stage)) continue;
    add({
      kind: "SST passphrase (SSM parameter)",
      name,
      id: `ssm:${name}`,
      stage: paramStage,
      lab: app.slice(APP_PREFIX.length),
      risk: "free (standard parameter); without it SST cannot read that stage's state",
      foundBy: "sst state",
      order: 8,
    });
  }

  const bootstrap = await api.bootstrap();
  if (bootstrap) {
    add({
      kind: "SST bootstrap (SSM parameter)",
      name: "/sst/bootstrap",
      id: "ssm:/sst/bootstrap",
      risk: "free; shared by every SST app in this account and region",
      foundBy: "sst bootstrap",
      shared: true,
      order: 9,
    });
    for (const bucket of [bootstrap.asset, bootstrap.state].filter((b): b is string => Boolean(b))) {
      add({
        kind: "SST bootstrap bucket",
        name: bucket,
        id: `arn:aws:s3:::${bucket}`,
        risk: "S3 storage, cents a month for a course; shared by every SST app in this account and region (function code zips stay here)",
        foundBy: "sst bootstrap",
        shared: true,
        order: 9,
      });
    }
    if (bootstrap.state) {
      const statePath = new RegExp(`^[^/]+/(${APP_PREFIX}[a-z0-9-]+)/([a-zA-Z0-9-]+)(\\.json$|/)`);
      for (const key of await api.objectKeys(bootstrap.state)) {
        const match = statePath.exec(key);
        if (!match || (stage && match[2] !== stage)) continue;
        add({
          kind: "SST state file (S3 object)",
          name: key,
          id: `s3://${bootstrap.state}/${key}`,
          stage: match[2]!,
          lab: match[1]!.slice(APP_PREFIX.length),
          risk: "S3 storage, a fraction of a cent; a stale lock here makes the next deploy of that stage refuse to run",
          foundBy: "sst state",
          order: 8,
        });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export interface RemoveResult {
  removed: Leftover[];
  failed: { leftover: Leftover; error: string }[];
}

/** Delete every leftover that is not shared, in dependency order; carry on past failures and report them. */
export async function removeLeftovers(
  api: CleanupApi,
  leftovers: Leftover[],
  onProgress?: (leftover: Leftover, error?: string) => void,
): Promise<RemoveResult> {
  const result: RemoveResult = { removed: [], failed: [] };
  const apis = new Set(leftovers.filter((l) => l.kind === "HTTP API").map((l) => l.id));
  for (const leftover of leftovers.filter((l) => !l.shared).sort((a, b) => a.order - b.order)) {
    // A stage goes with its API.
    const parentApi = /^(arn:aws:apigateway:[^:]*::\/apis\/[^/]+)\/stages\//.exec(leftover.id)?.[1];
    if (parentApi && apis.has(parentApi)) {
      result.removed.push(leftover);
      onProgress?.(leftover);
      continue;
    }
    try {
      await api.remove(leftover);
      result.removed.push(leftover);
      onProgress?.(leftover);
    } catch (err) {
      const error = (err as Error).message;
      result.failed.push({ leftover, error });
      onProgress?.(leftover, error);
    }
  }
  return result;
}

/**
 * SST names a role `<app, maybe cut short>-<stage>-<Name>-<8 random>`, where Name and the random part have no "-"
 * (naming.ts, physicalName): the stage is what comes before the last two parts.
 */
export function roleNameStage(roleName: string, stage: string): boolean {
  const escaped = stage.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${ROLE_PREFIX}.*-${escaped}-[A-Za-z0-9]+-[A-Za-z0-9]+$`).test(roleName);
}

interface Kind {
  match: RegExp;
  kind: string;
  risk: string;
  order: number;
}

const KINDS: Kind[] = [
  {
    match: /^arn:aws[^:]*:apigateway:[^:]*::\/apis\/[^/]+$/,
    kind: "HTTP API",
    risk: "public URL: anyone who finds it can call it, and each call is billed (about $1 per million)",
    order: 0,
  },
  {
    match: /^arn:aws[^:]*:apigateway:[^:]*::\/apis\/[^/]+\/stages\/.+$/,
    kind: "HTTP API stage",
    risk: "goes with its API",
    order: 0,
  },
  {
    match: /^arn:aws[^:]*:lambda:[^:]*:\d*:event-source-mapping:/,
    kind: "Lambda event source mapping",
    risk: "keeps polling its queue or stream and invoking the function",
    order: 1,
  },
  {
    match: /^arn:aws[^:]*:events:[^:]*:\d*:rule\//,
    kind: "EventBridge rule",
    risk: "free while no events match",
    order: 1,
  },
  {
    match: /^arn:aws[^:]*:lambda:[^:]*:\d*:function:/,
    kind: "Lambda function",
    risk: "free while idle; billed per call",
    order: 2,
  },
  {
    match: /^arn:aws[^:]*:states:[^:]*:\d*:stateMachine:/,
    kind: "Step Functions state machine",
    risk: "free while idle; billed per state transition",
    order: 2,
  },
  {
    match: /^arn:aws[^:]*:kinesis:[^:]*:\d*:stream\//,
    kind: "Kinesis data stream",
    risk: "COSTS WHILE IT EXISTS: on-demand streams bill about $0.04 an hour (~$1 a day) even when idle",
    order: 3,
  },
  {
    match: /^arn:aws[^:]*:dynamodb:[^:]*:\d*:table\/[^/]+$/,
    kind: "DynamoDB table",
    risk: "on-demand: no charge while idle except storage ($0.25 per GB-month) and point-in-time recovery ($0.20 per GB-month)",
    order: 3,
  },
  { match: /^arn:aws[^:]*:sqs:/, kind: "SQS queue", risk: "free while idle; messages left in it expire", order: 3 },
  { match: /^arn:aws[^:]*:sns:/, kind: "SNS topic", risk: "free while idle", order: 3 },
  {
    match: /^arn:aws[^:]*:s3:::[^/]+$/,
    kind: "S3 bucket",
    risk: "storage ($0.023 per GB-month) and requests",
    order: 3,
  },
  { match: /^arn:aws[^:]*:events:[^:]*:\d*:event-bus\//, kind: "EventBridge bus", risk: "free while idle", order: 4 },
  {
    match: /^arn:aws[^:]*:logs:[^:]*:\d*:log-group:/,
    kind: "CloudWatch log group",
    risk: "stored logs: $0.03 per GB-month until deleted",
    order: 5,
  },
  {
    match: /^arn:aws[^:]*:iam::\d*:role\//,
    kind: "IAM role",
    risk: "free, but it grants access until deleted",
    order: 6,
  },
];

export function describeArn(arn: string): Pick<Leftover, "kind" | "name" | "risk" | "order"> {
  const kind = KINDS.find((k) => k.match.test(arn));
  const name = arn.replace(/:\*$/, "").split(/[:/]/).filter(Boolean).pop() ?? arn;
  if (!kind) return { kind: "other resource", name, risk: "unknown: check it in the AWS console", order: 7 };
  return { kind: kind.kind, name, risk: kind.risk, order: kind.order };
}

// ---- the real account ----

export function awsCleanupApi(region: string): CleanupApi {
  const raw = awsClient(region);
  const iam = new IAMClient({ region });
  const lambda = new LambdaClient({ region });
  const dynamodb = new DynamoDBClient({ region });
  const logs = new CloudWatchLogsClient({ region });
  return {
    region,
    async taggedResources(filters) {
      const out: TaggedResource[] = [];
      let token = "";
      do {
        const page = await raw.json<{
          ResourceTagMappingList?: { ResourceARN: string; Tags?: { Key: string; Value: string }[] }[];
          PaginationToken?: string;
        }>("tagging", "ResourceGroupsTaggingAPI_20170126.GetResources", {
          TagFilters: filters.map((f) => ({ Key: f.key, ...(f.values.length ? { Values: f.values } : {}) })),
          ResourcesPerPage: 100,
          ...(token ? { PaginationToken: token } : {}),
        });
        for (const r of page.ResourceTagMappingList ?? []) {
          out.push({ arn: r.ResourceARN, tags: Object.fromEntries((r.Tags ?? []).map((t) => [t.Key, t.Value])) });
        }
        token = page.PaginationToken ?? "";
      } while (token);
      return out;
    },
    async roles(prefix) {
      const roles: { name: string; arn: string; tags: Record<string, string> }[] = [];
      let marker: string | undefined;
      do {
        const page = await iam.send(new ListRolesCommand({ ...(marker ? { Marker: marker } : {}), MaxItems: 1000 }));
        for (const role of page.Roles ?? []) {
          if (!role.RoleName?.startsWith(prefix)) continue;
          const tags = await iam.send(new ListRoleTagsCommand({ RoleName: role.RoleName }));
          roles.push({
            name: role.RoleName,
            arn: role.Arn ?? role.RoleName,
            tags: Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
          });
        }
        marker = page.IsTruncated ? page.Marker : undefined;
      } while (marker);
      return roles;
    },
    async parameters(prefix) {
      const names: string[] = [];
      let token = "";
      do {
        const page = await raw.json<{ Parameters?: { Name: string }[]; NextToken?: string }>(
          "ssm",
          "AmazonSSM.DescribeParameters",
          {
            ParameterFilters: [{ Key: "Name", Option: "BeginsWith", Values: [prefix] }],
            MaxResults: 50,
            ...(token ? { NextToken: token } : {}),
          },
        );
        names.push(...(page.Parameters ?? []).map((p) => p.Name));
        token = page.NextToken ?? "";
      } while (token);
      return names;
    },
    async bootstrap() {
      try {
        const out = await raw.json<{ Parameter?: { Value?: string } }>("ssm", "AmazonSSM.GetParameter", {
          Name: "/sst/bootstrap",
        });
        return JSON.parse(out.Parameter?.Value ?? "{}") as { state?: string; asset?: string };
      } catch (err) {
        if (err instanceof AwsApiError && err.code === "ParameterNotFound") return undefined;
        throw err;
      }
    },
    objectKeys: (bucket) => bucketKeys(raw, bucket, "throw"),
    remove: (leftover) => removeFromAws(leftover, { raw, iam, lambda, dynamodb, logs }),
  };
}

interface Clients {
  raw: AwsClient;
  iam: IAMClient;
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  logs: CloudWatchLogsClient;
}

const GONE = new Set([
  "ResourceNotFoundException",
  "NoSuchEntity",
  "NoSuchEntityException",
  "NotFoundException",
  "NotFound",
  "ParameterNotFound",
  "QueueDoesNotExist",
  "AWS.SimpleQueueService.NonExistentQueue",
  "StateMachineDoesNotExist",
  "NoSuchKey",
  "NoSuchBucket",
]);

async function removeFromAws(leftover: Leftover, c: Clients): Promise<void> {
  try {
    await removeOne(leftover, c);
  } catch (err) {
    const code = (err as { code?: string; name?: string }).code ?? (err as { name?: string }).name ?? "";
    if (GONE.has(code)) return;
    throw err;
  }
}

async function removeOne(leftover: Leftover, { raw, iam, lambda, dynamodb, logs }: Clients): Promise<void> {
  const id = leftover.id;
  const region = raw.region;
  if (id.startsWith("ssm:")) {
    await raw.json("ssm", "AmazonSSM.DeleteParameter", { Name: id.slice(4) });
    return;
  }
  if (id.startsWith("s3://")) {
    const [bucket, ...key] = id.slice(5).split("/");
    await s3Delete(raw, `/${bucket}/${key.map(encodeKeyPart).join("/")}`);
    return;
  }
  switch (leftover.kind) {
    case "HTTP API":
      await restDelete(raw, "apigateway", `/v2/apis/${id.split("/apis/")[1]}`);
      return;
    case "HTTP API stage": {
      const [apiId, , stageName] = id.split("/apis/")[1]!.split("/");
      await restDelete(raw, "apigateway", `/v2/apis/${apiId}/stages/${encodeURIComponent(stageName!)}`);
      return;
    }
    case "Lambda event source mapping":
      await lambda.send(new DeleteEventSourceMappingCommand({ UUID: id.split(":").pop()! }));
      return;
    case "Lambda function":
      await lambda.send(new DeleteFunctionCommand({ FunctionName: id }));
      return;
    case "DynamoDB table":
      await dynamodb.send(new DeleteTableCommand({ TableName: id.split(":table/")[1]! }));
      return;
    case "CloudWatch log group":
      await logs.send(new DeleteLogGroupCommand({ logGroupName: id.split(":log-group:")[1]!.replace(/:\*$/, "") }));
      return;
    case "SQS queue": {
      const [, , , , account, name] = id.split(":");
      await raw.json(
        "sqs",
        "AmazonSQS.DeleteQueue",
        { QueueUrl: `https://sqs.${region}.amazonaws.com/${account}/${name}` },
        "1.0",
      );
      return;
    }
    case "SNS topic":
      await raw.query("sns", { Action: "DeleteTopic", TopicArn: id, Version: "2010-03-31" });
      return;
    case "EventBridge rule": {
      const path = id.split(":rule/")[1]!.split("/");
      const name = path.pop()!;
      const bus = path.length ? { EventBusName: path.join("/") } : {};
      const targets = await raw.json<{ Targets?: { Id: string }[] }>("events", "AWSEvents.ListTargetsByRule", {
        Rule: name,
        ...bus,
      });
      const ids = (targets.Targets ?? []).map((t) => t.Id);
      if (ids.length)
        await raw.json("events", "AWSEvents.RemoveTargets", { Rule: name, Ids: ids, Force: true, ...bus });
      await raw.json("events", "AWSEvents.DeleteRule", { Name: name, Force: true, ...bus });
      return;
    }
    case "EventBridge bus":
      await raw.json("events", "AWSEvents.DeleteEventBus", { Name: id.split(":event-bus/")[1] });
      return;
    case "Kinesis data stream":
      await raw.json("kinesis", "Kinesis_20131202.DeleteStream", { StreamARN: id, EnforceConsumerDeletion: true });
      return;
    case "Step Functions state machine":
      await raw.json("states", "AWSStepFunctions.DeleteStateMachine", { stateMachineArn: id }, "1.0");
      return;
    case "S3 bucket": {
      const bucket = id.split(":::")[1]!;
      for (const key of await bucketKeys(raw, bucket, "empty"))
        await s3Delete(raw, `/${bucket}/${key.split("/").map(encodeKeyPart).join("/")}`);
      await s3Delete(raw, `/${bucket}`);
      return;
    }
    case "IAM role":
      await removeRole(iam, id.split(":role/")[1]!.split("/").pop()!);
      return;
    default:
      throw new Error(`cleanup does not know how to delete a ${leftover.kind}: delete ${id} in the AWS console`);
  }
}

async function removeRole(iam: IAMClient, RoleName: string): Promise<void> {
  for (const PolicyName of (await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? []) {
    await iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName }));
  }
  for (const p of (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies ?? []) {
    await iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn }));
  }
  for (const profile of (await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName }))).InstanceProfiles ?? []) {
    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({ RoleName, InstanceProfileName: profile.InstanceProfileName }),
    );
  }
  await iam.send(new DeleteRoleCommand({ RoleName }));
}

async function restDelete(raw: AwsClient, service: "apigateway", path: string): Promise<void> {
  const res = await raw.request({ service, method: "DELETE", path });
  if (res.status >= 300) {
    const parsed = safeJson(res.text);
    const code = String(parsed.__type ?? parsed.code ?? (res.status === 404 ? "NotFoundException" : res.status));
    throw new AwsApiError(code.split("#").pop()!, res.status, String(parsed.message ?? res.text));
  }
}

async function s3Delete(raw: AwsClient, path: string): Promise<void> {
  const res = await raw.request({ service: "s3", method: "DELETE", path });
  if (res.status >= 300 && res.status !== 404) throw xmlError(res);
}

/** Every key of a bucket, page by page: ListObjectsV2 answers at most 1,000 keys a call. */
async function bucketKeys(raw: AwsClient, bucket: string, ifMissing: "empty" | "throw"): Promise<string[]> {
  const keys: string[] = [];
  let token = "";
  do {
    const res = await raw.request({
      service: "s3",
      method: "GET",
      path: `/${bucket}`,
      query: { "list-type": "2", ...(token ? { "continuation-token": token } : {}) },
    });
    if (res.status === 404 && ifMissing === "empty") return [];
    if (res.status >= 300) throw xmlError(res);
    for (const m of res.text.matchAll(/<Key>([^<]*)<\/Key>/g)) keys.push(unescapeXml(m[1]!));
    token = /<IsTruncated>true<\/IsTruncated>/.test(res.text)
      ? unescapeXml(/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(res.text)?.[1] ?? "")
      : "";
  } while (token);
  return keys;
}

function encodeKeyPart(part: string): string {
  return encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
