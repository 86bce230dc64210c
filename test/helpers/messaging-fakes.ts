// What SNS and EventBridge tests deliver to: an Invoker and a QueueDelivery
// that record each call (and can be told to fail for an ARN), and an edge on
// 127.0.0.1:0 in front of the services under test.
import { type Edge, startEdge } from "../../course/cloud/edge/server.ts";
import type { InvokeOptions, InvokeResult, Invoker } from "../../course/cloud/lambda/invoker.ts";
import type { QueueDelivery, QueueMessage } from "../../course/cloud/queue-delivery.ts";
import type { Service } from "../../course/cloud/service.ts";

export interface Invocation {
  functionName: string;
  payload: unknown;
  options: InvokeOptions | undefined;
  at: number;
}

export class FakeInvoker implements Invoker {
  readonly calls: Invocation[] = [];
  /** function ARNs whose invocation rejects, as Lambda rejects an unknown function */
  readonly missing = new Set<string>();

  async invoke(functionName: string, payload: Buffer | string, options?: InvokeOptions): Promise<InvokeResult> {
    if (this.missing.has(functionName)) throw new Error(`Function not found: ${functionName}`);
    this.calls.push({ functionName, payload: JSON.parse(payload.toString()), options, at: performance.now() });
    return { statusCode: 202, payload: Buffer.alloc(0), requestId: "request", executedVersion: "$LATEST" };
  }

  to(functionArn: string): unknown[] {
    return this.calls.filter((call) => call.functionName === functionArn).map((call) => call.payload);
  }
}

export class FakeQueues implements QueueDelivery {
  readonly messages: { queueArn: string; message: QueueMessage }[] = [];
  /** queue ARNs that refuse every message, as SQS refuses one for a queue that does not exist */
  readonly missing = new Set<string>();

  async deliver(queueArn: string, message: QueueMessage): Promise<void> {
    if (this.missing.has(queueArn)) throw new Error(`The specified queue does not exist: ${queueArn}`);
    this.messages.push({ queueArn, message });
  }

  to(queueArn: string): QueueMessage[] {
    return this.messages.filter((sent) => sent.queueArn === queueArn).map((sent) => sent.message);
  }
}

/** The fakes a messaging service delivers to and the lines it logs, emptied by reset() between tests. */
export function deliveryRecorders() {
  const logs: string[] = [];
  const invoker = new FakeInvoker();
  const queues = new FakeQueues();
  return {
    invoker,
    queues,
    logs,
    onLog: (line: string) => logs.push(line),
    reset() {
      invoker.calls.length = 0;
      queues.messages.length = 0;
      logs.length = 0;
    },
  };
}

/** The SDK error a call rejects with: its exception name, message and HTTP status. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const error = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
  }
  throw new Error("the call succeeded");
}

export function serveOnEdge(services: Service[]): Promise<Edge> {
  return startEdge({
    port: 0,
    services: () => services,
    httpApis: () => undefined,
    principalOf: (accessKeyId) => ({ kind: "learner", accessKeyId, arn: "arn:aws:iam::000000000000:user/learner" }),
    describe: () => ({ course: "local-cloud" }),
  });
}

/** The Authorization header of a call signed for `service`: the edge routes on its credential scope. */
export const signedFor = (service: string): Record<string, string> => ({
  authorization: `AWS4-HMAC-SHA256 Credential=AKIDLEARNER/20261127/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=abc`,
});
