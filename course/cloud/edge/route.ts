// Which emulated service a request is for, read the way AWS's endpoints read
// it: the SigV4 credential scope names the service; JSON-protocol services
// also name themselves in X-Amz-Target.
import type { IncomingHttpHeaders } from "node:http";

const TARGET_PREFIXES: Record<string, string> = {
  DynamoDB_20120810: "dynamodb",
  Logs_20140328: "logs",
  AmazonSQS: "sqs",
  AWSEvents: "events",
  Kinesis_20131202: "kinesis",
  AWSStepFunctions: "states",
  AWSIdentityManagementV20100508: "iam",
};

export interface Credential {
  accessKeyId: string;
  service: string;
  region: string;
}

/** Credential scope of a SigV4 Authorization header, or of a presigned query. */
export function credentialOf(headers: IncomingHttpHeaders, url: URL): Credential | undefined {
  const auth = headers.authorization ?? "";
  const scope = /Credential=([^,\s]+)/.exec(auth)?.[1] ?? url.searchParams.get("X-Amz-Credential") ?? undefined;
  if (!scope) return undefined;
  const [accessKeyId, , region, service] = scope.split("/");
  if (!accessKeyId || !region || !service) return undefined;
  return { accessKeyId, service, region };
}

export function serviceOf(headers: IncomingHttpHeaders, credential: Credential | undefined): string | undefined {
  const target = headers["x-amz-target"];
  if (typeof target === "string") {
    const prefix = target.split(".")[0] ?? "";
    if (TARGET_PREFIXES[prefix]) return TARGET_PREFIXES[prefix];
  }
  return credential?.service;
}

export const EXECUTE_API_PREFIX = "/_aws/execute-api/";

/** "/_aws/execute-api/<apiId>/orders/1" → { apiId, path: "/orders/1" } */
export function executeApiTarget(pathname: string): { apiId: string; path: string } | undefined {
  if (!pathname.startsWith(EXECUTE_API_PREFIX)) return undefined;
  const rest = pathname.slice(EXECUTE_API_PREFIX.length);
  const slash = rest.indexOf("/");
  const apiId = slash === -1 ? rest : rest.slice(0, slash);
  return { apiId, path: slash === -1 ? "/" : rest.slice(slash) };
}
