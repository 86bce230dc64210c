// One record per kind of leftover: how it is described to the person (kind,
// cost risk, order of deletion) and how it is removed. Kinds found by ARN carry
// the pattern that recognises them; the others are found by name or SST state.
import { DeleteLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  RemoveRoleFromInstanceProfileCommand,
} from "@aws-sdk/client-iam";
import { DeleteEventSourceMappingCommand, DeleteFunctionCommand } from "@aws-sdk/client-lambda";
import { bucketKeys, type Clients, isGone, restDelete, s3Delete } from "./aws.ts";
import type { Leftover } from "./types.ts";

export interface Kind {
  kind: string;
  risk: string;
  /** lower goes first: APIs before functions before tables before roles */
  order: number;
  /** deletes the leftover with this id; none for what cleanup must not or cannot delete */
  remove?: (id: string, aws: Clients) => Promise<void>;
}

const removeRole = async (id: string, { iam }: Clients): Promise<void> => {
  const RoleName = id.split(":role/")[1]!.split("/").pop()!;
  // IAM deletes a role only once nothing is attached to it.
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
};

/** ids `ssm:<name>` */
const removeParameter = async (id: string, { raw }: Clients): Promise<void> => {
  await raw.json("ssm", "AmazonSSM.DeleteParameter", { Name: id.slice(4) });
};

/** Kinds the Tagging API finds, recognised by their ARN: the first that matches wins. */
const BY_ARN: (Kind & { arn: RegExp })[] = [
  {
    arn: /^arn:aws[^:]*:apigateway:[^:]*::\/apis\/[^/]+$/,
    kind: "HTTP API",
    risk: "public URL: anyone who finds it can call it, and each call is billed (about $1 per million)",
    order: 0,
    remove: (id, { raw }) => restDelete(raw, "apigateway", `/v2/apis/${id.split("/apis/")[1]}`),
  },
  {
    arn: /^arn:aws[^:]*:apigateway:[^:]*::\/apis\/[^/]+\/stages\/.+$/,
    kind: "HTTP API stage",
    risk: "goes with its API",
    order: 0,
    remove: (id, { raw }) => {
      const [apiId, , stageName] = id.split("/apis/")[1]!.split("/");
      return restDelete(raw, "apigateway", `/v2/apis/${apiId}/stages/${encodeURIComponent(stageName!)}`);
    },
  },
  {
    arn: /^arn:aws[^:]*:lambda:[^:]*:\d*:event-source-mapping:/,
    kind: "Lambda event source mapping",
    risk: "keeps polling its queue or stream and invoking the function",
    order: 1,
    remove: async (id, { lambda }) => {
      await lambda.send(new DeleteEventSourceMappingCommand({ UUID: id.split(":").pop()! }));
    },
  },
  {
    arn: /^arn:aws[^:]*:events:[^:]*:\d*:rule\//,
    kind: "EventBridge rule",
    risk: "free while no events match",
    order: 1,
    remove: async (id, { raw }) => {
      const path = id.split(":rule/")[1]!.split("/");
      const name = path.pop()!;
      const bus = path.length ? { EventBusName: path.join("/") } : {};
      // A rule with targets cannot be deleted.
      const targets = await raw.json<{ Targets?: { Id: string }[] }>("events", "AWSEvents.ListTargetsByRule", {
        Rule: name,
        ...bus,
      });
      const ids = (targets.Targets ?? []).map((t) => t.Id);
      if (ids.length)
        await raw.json("events", "AWSEvents.RemoveTargets", { Rule: name, Ids: ids, Force: true, ...bus });
      await raw.json("events", "AWSEvents.DeleteRule", { Name: name, Force: true, ...bus });
    },
  },
  {
    arn: /^arn:aws[^:]*:lambda:[^:]*:\d*:function:/,
    kind: "Lambda function",
    risk: "free while idle; billed per call",
    order: 2,
    remove: async (id, { lambda }) => {
      await lambda.send(new DeleteFunctionCommand({ FunctionName: id }));
    },
  },
  {
    arn: /^arn:aws[^:]*:states:[^:]*:\d*:stateMachine:/,
    kind: "Step Functions state machine",
    risk: "free while idle; billed per state transition",
    order: 2,
    remove: async (id, { raw }) => {
      await raw.json("states", "AWSStepFunctions.DeleteStateMachine", { stateMachineArn: id }, "1.0");
    },
  },
  {
    arn: /^arn:aws[^:]*:kinesis:[^:]*:\d*:stream\//,
    kind: "Kinesis data stream",
    risk: "COSTS WHILE IT EXISTS: on-demand streams bill about $0.04 an hour (~$1 a day) even when idle",
    order: 3,
    remove: async (id, { raw }) => {
      await raw.json("kinesis", "Kinesis_20131202.DeleteStream", { StreamARN: id, EnforceConsumerDeletion: true });
    },
  },
  {
    arn: /^arn:aws[^:]*:dynamodb:[^:]*:\d*:table\/[^/]+$/,
    kind: "DynamoDB table",
    risk: "on-demand: no charge while idle except storage ($0.25 per GB-month) and point-in-time recovery ($0.20 per GB-month)",
    order: 3,
    remove: async (id, { dynamodb }) => {
      await dynamodb.send(new DeleteTableCommand({ TableName: id.split(":table/")[1]! }));
    },
  },
  {
    arn: /^arn:aws[^:]*:sqs:/,
    kind: "SQS queue",
    risk: "free while idle; messages left in it expire",
    order: 3,
    remove: async (id, { raw }) => {
      const [, , , , account, name] = id.split(":");
      const QueueUrl = `https://sqs.${raw.region}.amazonaws.com/${account}/${name}`;
      await raw.json("sqs", "AmazonSQS.DeleteQueue", { QueueUrl }, "1.0");
    },
  },
  {
    arn: /^arn:aws[^:]*:sns:/,
    kind: "SNS topic",
    risk: "free while idle",
    order: 3,
    remove: async (id, { raw }) => {
      await raw.query("sns", { Action: "DeleteTopic", TopicArn: id, Version: "2010-03-31" });
    },
  },
  {
    arn: /^arn:aws[^:]*:s3:::[^/]+$/,
    kind: "S3 bucket",
    risk: "storage ($0.023 per GB-month) and requests",
    order: 3,
    remove: async (id, { raw }) => {
      const bucket = id.split(":::")[1]!;
      // S3 deletes only an empty bucket.
      for (const key of await bucketKeys(raw, bucket, "empty")) await s3Delete(raw, bucket, key);
      await s3Delete(raw, bucket);
    },
  },
  {
    arn: /^arn:aws[^:]*:events:[^:]*:\d*:event-bus\//,
    kind: "EventBridge bus",
    risk: "free while idle",
    order: 4,
    remove: async (id, { raw }) => {
      await raw.json("events", "AWSEvents.DeleteEventBus", { Name: id.split(":event-bus/")[1] });
    },
  },
  {
    arn: /^arn:aws[^:]*:logs:[^:]*:\d*:log-group:/,
    kind: "CloudWatch log group",
    risk: "stored logs: $0.03 per GB-month until deleted",
    order: 5,
    remove: async (id, { logs }) => {
      await logs.send(new DeleteLogGroupCommand({ logGroupName: id.split(":log-group:")[1]!.replace(/:\*$/, "") }));
    },
  },
  {
    arn: /^arn:aws[^:]*:iam::\d*:role\//,
    kind: "IAM role",
    risk: "free, but it grants access until deleted",
    order: 6,
    remove: removeRole,
  },
];

/** A tagged resource of a kind cleanup does not know: listed, for the person to delete. */
const OTHER: Kind = { kind: "other resource", risk: "unknown: check it in the AWS console", order: 7 };

/** Found by name: the Tagging API does not list IAM roles. */
export const ROLE_BY_NAME: Kind = {
  kind: "IAM role",
  risk: "free, but it grants whatever its policies allow until deleted",
  order: 6,
  remove: removeRole,
};

/** `/sst/passphrase/<app>/<stage>` */
export const PASSPHRASE: Kind = {
  kind: "SST passphrase (SSM parameter)",
  risk: "free (standard parameter); without it SST cannot read that stage's state",
  order: 8,
  remove: removeParameter,
};

/** ids `s3://<state bucket>/<key>` */
export const STATE_FILE: Kind = {
  kind: "SST state file (S3 object)",
  risk: "S3 storage, a fraction of a cent; a stale lock here makes the next deploy of that stage refuse to run",
  order: 8,
  remove: async (id, { raw }) => {
    const [bucket, ...key] = id.slice("s3://".length).split("/");
    await s3Delete(raw, bucket!, key.join("/"));
  },
};

// SST's bootstrap is shared (so `removeLeftovers` skips it); the parameter keeps the removal every `ssm:` id had.
export const BOOTSTRAP_PARAMETER: Kind = {
  kind: "SST bootstrap (SSM parameter)",
  risk: "free; shared by every SST app in this account and region",
  order: 9,
  remove: removeParameter,
};

export const BOOTSTRAP_BUCKET: Kind = {
  kind: "SST bootstrap bucket",
  risk: "S3 storage, cents a month for a course; shared by every SST app in this account and region (function code zips stay here)",
  order: 9,
};

/** What a leftover is called and risks, as `Leftover` holds it. */
export function described({ kind, risk, order }: Kind): Pick<Leftover, "kind" | "risk" | "order"> {
  return { kind, risk, order };
}

export function describeArn(arn: string): Pick<Leftover, "kind" | "name" | "risk" | "order"> {
  const { kind, risk, order } = BY_ARN.find((k) => k.arn.test(arn)) ?? OTHER;
  return { kind, name: arn.replace(/:\*$/, "").split(/[:/]/).filter(Boolean).pop() ?? arn, risk, order };
}

const REMOVAL = new Map<string, Kind["remove"]>(
  [...BY_ARN, ROLE_BY_NAME, PASSPHRASE, STATE_FILE, BOOTSTRAP_PARAMETER].map((k) => [k.kind, k.remove]),
);

/** Delete one leftover by its kind's removal; resolves also when it was gone already. */
export async function removeLeftover(leftover: Leftover, aws: Clients): Promise<void> {
  try {
    const remove = REMOVAL.get(leftover.kind);
    if (!remove) {
      throw new Error(
        `cleanup does not know how to delete a ${leftover.kind}: delete ${leftover.id} in the AWS console`,
      );
    }
    await remove(leftover.id, aws);
  } catch (err) {
    if (!isGone(err)) throw err;
  }
}
