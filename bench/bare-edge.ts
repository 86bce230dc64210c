// An edge on 127.0.0.1 in front of one service built from its URL, with every
// caller a learner and no IAM: what the service benchmarks measure against.
import { type Edge, startEdge } from "../course/cloud/edge/server.ts";
import type { Service } from "../course/cloud/service.ts";

export async function bareEdge<S extends Service>(build: (edgeUrl: string) => S): Promise<{ edge: Edge; service: S }> {
  let service: S | undefined;
  const edge = await startEdge({
    port: 0,
    services: () => (service ? [service] : []),
    httpApis: () => undefined,
    principalOf: (accessKeyId) => ({ kind: "learner", accessKeyId, arn: "arn:aws:iam::000000000000:user/bench" }),
    describe: () => ({ course: "bench" }),
  });
  service = build(edge.url);
  return { edge, service };
}
