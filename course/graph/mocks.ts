// Pulumi mocks that answer like AWS would: each resource type gets the state
// SST's components read back (ARNs, URLs, names), so every Output resolves.
// Names are deterministic so the graph, and the URLs in outputs.json, are
// stable from one evaluation to the next.
import crypto from "node:crypto";
import type { runtime } from "@pulumi/pulumi";
import { ACCOUNT, REGION } from "../aws/identity.ts";

export interface RecordedResource {
  type: string;
  name: string;
  id: string;
  inputs: Record<string, any>;
  state: Record<string, any>;
  /** resource options that decide what `sst remove` leaves behind (recorded by the child, not by the mock) */
  options?: { retainOnDelete?: boolean; protect?: boolean };
}

type NewResource = Parameters<runtime.Mocks["newResource"]>[0];
type Call = Parameters<runtime.Mocks["call"]>[0];

export function createMocks(edgeUrl: string, recorded: RecordedResource[]): runtime.Mocks {
  return {
    newResource(args: NewResource) {
      const inputs = args.inputs as Record<string, any>;
      const id = mockId(args.type, args.name, inputs);
      const state = { ...inputs, ...stateFor(args.type, args.name, id, inputs, edgeUrl) };
      recorded.push({ type: args.type, name: args.name, id, inputs, state });
      return { id, state };
    },
    call(args: Call) {
      return callResult(args.token, args.inputs as Record<string, any>);
    },
  };
}

function mockId(type: string, name: string, inputs: Record<string, any>): string {
  if (type === "aws:apigatewayv2/api:Api") return shortHash(name);
  // AWS identifies a mapping by a UUID, and a subscription by its ARN: the topic's ARN and a UUID
  if (type === "aws:lambda/eventSourceMapping:EventSourceMapping") return stableUuid(name);
  if (type === "aws:sns/topicSubscription:TopicSubscription") return `${inputs.topic}:${stableUuid(name)}`;
  if (typeof inputs.name === "string") return inputs.name;
  return `${name}-id`;
}

function shortHash(text: string): string {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(36).padStart(7, "0").slice(0, 10);
}

/** a version-4-shaped UUID hashed from the logical name: stable across evaluations, like every mocked name */
function stableUuid(name: string): string {
  const hex = crypto.createHash("sha256").update(name).digest("hex");
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function arn(service: string, resource: string, region = REGION): string {
  return `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
}

function stateFor(
  type: string,
  name: string,
  id: string,
  inputs: Record<string, any>,
  edgeUrl: string,
): Record<string, unknown> {
  const physical = (inputs.name as string | undefined) ?? name;
  switch (type) {
    case "aws:lambda/function:Function": {
      const fnArn = arn("lambda", `function:${physical}`);
      return {
        name: physical,
        arn: fnArn,
        qualifiedArn: `${fnArn}:$LATEST`,
        invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn}/invocations`,
        version: "$LATEST",
      };
    }
    case "aws:iam/role:Role":
      return {
        name: physical,
        arn: `arn:aws:iam::${ACCOUNT}:role/${physical}`,
        uniqueId: `AROA${shortHash(physical)}`,
      };
    case "aws:iam/policy:Policy":
      return { name: physical, arn: `arn:aws:iam::${ACCOUNT}:policy/${physical}` };
    case "aws:dynamodb/table:Table": {
      const tableArn = arn("dynamodb", `table/${physical}`);
      return {
        name: physical,
        arn: tableArn,
        streamArn: inputs.streamEnabled ? `${tableArn}/stream/1970-01-01T00:00:00.000` : undefined,
      };
    }
    case "aws:sqs/queue:Queue":
      return {
        name: physical,
        arn: arn("sqs", physical),
        url: `${edgeUrl}/${ACCOUNT}/${physical}`,
      };
    case "aws:sns/topic:Topic":
      return { name: physical, arn: arn("sns", physical) };
    case "aws:sns/topicSubscription:TopicSubscription":
      return { arn: id, ownerId: ACCOUNT, pendingConfirmation: false, confirmationWasAuthenticated: true };
    case "aws:lambda/eventSourceMapping:EventSourceMapping":
      return {
        uuid: id,
        arn: arn("lambda", `event-source-mapping:${id}`),
        functionArn: String(inputs.functionName ?? "").startsWith("arn:")
          ? inputs.functionName
          : arn("lambda", `function:${inputs.functionName}`),
        state: inputs.enabled === false ? "Disabled" : "Enabled",
      };
    // These have no ARN of their own: the default one would hide a target's `arn` input.
    case "aws:cloudwatch/eventTarget:EventTarget":
    case "aws:sqs/queuePolicy:QueuePolicy":
    case "aws:lambda/permission:Permission":
      return {};
    case "aws:cloudwatch/eventBus:EventBus":
      return { name: physical, arn: arn("events", `event-bus/${physical}`) };
    case "aws:cloudwatch/eventRule:EventRule": {
      // a rule on a custom bus has the bus's name in its ARN: rule/<bus>/<rule>
      const bus = String(inputs.eventBusName ?? "default").replace(/^arn:aws[a-z-]*:events:[^:]*:\d+:event-bus\//, "");
      return { name: physical, arn: arn("events", bus === "default" ? `rule/${physical}` : `rule/${bus}/${physical}`) };
    }
    case "aws:kinesis/stream:Stream":
      return { name: physical, arn: arn("kinesis", `stream/${physical}`) };
    case "aws:sfn/stateMachine:StateMachine":
      return { name: physical, arn: arn("states", `stateMachine:${physical}`) };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { name: physical, arn: arn("logs", `log-group:${physical}`) };
    case "aws:apigatewayv2/api:Api":
      return {
        apiEndpoint: `${edgeUrl}/_aws/execute-api/${id}`,
        executionArn: arn("execute-api", id),
        arn: `arn:aws:apigateway:${REGION}::/apis/${id}`,
      };
    case "aws:apigatewayv2/stage:Stage":
      return {
        invokeUrl: `${edgeUrl}/_aws/execute-api/${inputs.apiId}`,
        arn: arn("execute-api", `${inputs.apiId}/${physical}`),
      };
    case "random:index/randomBytes:RandomBytes":
      return { base64: Buffer.alloc(inputs.length ?? 32, 7).toString("base64"), hex: "07".repeat(inputs.length ?? 32) };
    case "random:index/randomString:RandomString":
      return { result: "x".repeat(inputs.length ?? 8) };
    default:
      return { arn: arn(type.split(":")[1]?.split("/")[0] ?? "unknown", physical) };
  }
}

function callResult(token: string, inputs: Record<string, any>): Record<string, unknown> {
  switch (token) {
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      return { json: JSON.stringify(policyDocument(inputs.statements ?? [])), statements: inputs.statements ?? [] };
    case "aws:index/getRegion:getRegion":
      return { name: REGION, region: REGION, id: REGION, endpoint: `ec2.${REGION}.amazonaws.com` };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/learner`, userId: "LEARNER", id: ACCOUNT };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    default:
      return inputs;
  }
}

interface StatementInput {
  effect?: string;
  actions?: string[];
  resources?: string[];
}

function policyDocument(statements: StatementInput[]) {
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      Effect: s.effect?.toLowerCase() === "deny" ? "Deny" : "Allow",
      Action: s.actions ?? [],
      Resource: s.resources ?? [],
    })),
  };
}
