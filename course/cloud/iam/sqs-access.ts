// The IAM action and resource of each SQS operation (Service Authorization
// Reference, "Actions defined by Amazon SQS"): the action is named after the
// operation, except that a batch needs the action of its single form; the
// resource is the queue, named by QueueUrl (or, in the query protocol, by the
// URL the request was posted to), by QueueName, or by SourceArn.
// The SDKs speak JSON (X-Amz-Target "AmazonSQS.<Op>"); older clients and the
// AWS CLI v1 still speak query (form Action=<Op>): both carry the same names.

import { ACCOUNT } from "../../aws/identity.ts";
import type { CloudGraph } from "../../graph/model.ts";
import type { EdgeRequest } from "../service.ts";
import { type Access, jsonBody, stringOf, targetOperation } from "./access.ts";
import { queueArn, queueArnFromUrl } from "./arns.ts";
import { queryParams } from "./query-protocol.ts";

const BATCH_ACTIONS: Record<string, string> = {
  SendMessageBatch: "SendMessage",
  DeleteMessageBatch: "DeleteMessage",
  ChangeMessageVisibilityBatch: "ChangeMessageVisibility",
};

/** operations on no queue, or on one named only inside an opaque handle */
const ON_NO_QUEUE = new Set(["ListQueues", "CancelMessageMoveTask"]);

interface Call {
  operation: string;
  param(name: string): string | undefined;
}

export function sqsAccess(request: EdgeRequest, graph: CloudGraph): Access[] {
  const call = callOf(request);
  if (!call) return [];
  const action = `sqs:${BATCH_ACTIONS[call.operation] ?? call.operation}`;
  if (ON_NO_QUEUE.has(call.operation)) return [{ action, resources: ["*"] }];
  const queue = queueOf(call, request, graph);
  // a request naming no queue gets SQS's own error (a missing parameter, a queue that does not exist)
  return queue ? [{ action, resources: [queue] }] : [];
}

function callOf(request: EdgeRequest): Call | undefined {
  const target = request.headers["x-amz-target"];
  if (typeof target === "string") {
    const operation = targetOperation(target, "AmazonSQS");
    const input = jsonBody(request.body);
    return operation && input ? { operation, param: (name) => stringOf(input[name]) } : undefined;
  }
  const params = queryParams(request);
  const operation = params.get("Action");
  return operation ? { operation, param: (name) => params.get(name) ?? undefined } : undefined;
}

function queueOf(call: Call, request: EdgeRequest, graph: CloudGraph): string | undefined {
  const url = call.param("QueueUrl");
  if (url) return queueArnFromUrl(graph, url);
  const name = call.param("QueueName");
  if (name) return queueArn(graph, name, call.param("QueueOwnerAWSAccountId") ?? ACCOUNT);
  const sourceArn = call.param("SourceArn");
  if (sourceArn) return sourceArn;
  // the query protocol may name the queue by posting to its URL instead
  if (typeof request.headers["x-amz-target"] !== "string") {
    return queueArnFromUrl(graph, new URL(request.url.pathname, "http://edge").href);
  }
  return undefined;
}
