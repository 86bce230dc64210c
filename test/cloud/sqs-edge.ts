// An edge on 127.0.0.1 with only SQS behind it, and an SDK v3 client for it:
// what the SQS tests talk to.
import { SQSClient } from "@aws-sdk/client-sqs";
import { type Edge, startEdge } from "../../course/cloud/edge/server.ts";
import { SqsService } from "../../course/cloud/sqs/index.ts";
import type { QueueSpec } from "../../course/graph/model.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

export const LEARNER_KEY = "AKIALEARNER";

export interface SqsEdge {
  edge: Edge;
  service: SqsService;
  client: SQSClient;
  close(): Promise<void>;
}

export async function startSqsEdge(queues: QueueSpec[] = [], timeScale?: number): Promise<SqsEdge> {
  let service: SqsService | undefined;
  const edge = await startEdge({
    port: 0,
    services: () => (service ? [service] : []),
    httpApis: () => undefined,
    principalOf: (accessKeyId) => ({ kind: "learner", accessKeyId, arn: "arn:aws:iam::000000000000:user/learner" }),
    describe: () => ({ course: "local-cloud" }),
  });
  service = new SqsService({ queues, edgeUrl: edge.url, timeScale });
  const client = new SQSClient({
    endpoint: edge.url,
    region: "us-east-1",
    credentials: { accessKeyId: LEARNER_KEY, secretAccessKey: "secret" },
    maxAttempts: 1,
  });
  const running = service;
  return {
    edge,
    service: running,
    client,
    async close() {
      client.destroy();
      await running.close();
      await edge.close();
    },
  };
}

/** a QueueSpec as the graph gives it, with AWS's defaults */
export function queueSpec(name: string, overrides: Partial<QueueSpec> = {}): QueueSpec {
  return {
    id: name,
    name,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    url: "",
    fifo: name.endsWith(".fifo"),
    contentBasedDeduplication: false,
    visibilityTimeoutSeconds: 30,
    delaySeconds: 0,
    receiveWaitTimeSeconds: 0,
    messageRetentionSeconds: 345_600,
    maximumMessageSize: 262_144,
    ...overrides,
  };
}

/** the name of the error a call fails with */
export async function errorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as Error).name;
  }
  throw new Error("expected the call to fail");
}
