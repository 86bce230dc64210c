// Talking to the learner's AWS account: the region and credentials every
// deploy path checks first, and signed requests for the few APIs whose SDK
// clients the course does not install (Resource Groups Tagging, SSM, S3,
// API Gateway v2, SQS, SNS, EventBridge, Kinesis, Step Functions).
// Everything goes through the default credential chain, and honours
// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> as the SDK does, so a
// stand-in endpoint takes AWS's place in tests.
import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { SignatureV4 } from "@smithy/signature-v4";
import { CourseError } from "../errors.ts";

export interface Identity {
  account: string;
  arn: string;
  region: string;
}

/** The region the SDK (and so SST) resolves: AWS_REGION, AWS_DEFAULT_REGION, or the profile's `region`. */
export async function resolveRegion(next: string): Promise<string> {
  const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  try {
    const region = await new STSClient({}).config.region();
    if (region) return region;
  } catch {
    // no region configured: said below
  }
  throw new CourseError(
    `No AWS region is set, and SST would silently pick us-east-1. Choose one: \`export AWS_REGION=eu-west-1\` (or \`aws configure set region eu-west-1\`), then run \`${next}\` again.`,
  );
}

/** Who the default credential chain signs in as; a CourseError naming the fix when it cannot. */
export async function callerIdentity(region: string, next: string): Promise<Identity> {
  const sts = new STSClient({ region, maxAttempts: 2 });
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    return { account: out.Account ?? "", arn: out.Arn ?? "", region };
  } catch (err) {
    throw explainCredentialError(err, region, next);
  } finally {
    sts.destroy();
  }
}

export function explainCredentialError(err: unknown, region: string, next: string): Error {
  const e = err as { name?: string; Code?: string; code?: string; message?: string };
  const code = e.Code ?? e.name ?? "";
  const message = e.message ?? String(err);
  const profile = process.env.AWS_PROFILE ? ` --profile ${process.env.AWS_PROFILE}` : "";
  if (
    /expired/i.test(message) ||
    /^(ExpiredToken|ExpiredTokenException|RequestExpired|TokenRefreshRequired)$/.test(code)
  ) {
    return new CourseError(
      `Your AWS session has expired (${firstLine(message)}). Sign in again — \`aws sso login${profile}\`, or new keys from your instructor — then run \`${next}\` again.`,
    );
  }
  if (e.name === "CredentialsProviderError" || /could not load credentials/i.test(message)) {
    return new CourseError(
      `No AWS credentials found. Run \`aws configure\` (access keys) or \`aws configure sso\` and \`aws sso login\`, or set AWS_PROFILE, then run \`${next}\` again. The "Deploy to AWS" page of the course lists the permissions your user needs.`,
    );
  }
  if (/^(InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClientException|InvalidAccessKeyId)$/.test(code)) {
    return new CourseError(
      `AWS does not accept these credentials (${code}): the access key is wrong, deleted or for another partition. Check \`aws configure list\`, fix the keys, then run \`${next}\` again.`,
    );
  }
  const network = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code ?? "";
  if (/^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT)$/.test(network) || e.name === "TimeoutError") {
    return new CourseError(
      `Could not reach AWS STS in ${region} (${network || e.name}). Check your network and the region, then run \`${next}\` again.`,
    );
  }
  return new CourseError(
    `AWS refused to say who you are (${code}: ${firstLine(message)}). Fix that, then run \`${next}\` again.`,
  );
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.trim();
}

// ---- signed requests ----

/** SDK service ids for AWS_ENDPOINT_URL_<ID>, and default hosts, by signing name. */
const SERVICES: Record<string, { envId: string; host: (region: string) => string }> = {
  tagging: { envId: "RESOURCE_GROUPS_TAGGING_API", host: (r) => `tagging.${r}.amazonaws.com` },
  ssm: { envId: "SSM", host: (r) => `ssm.${r}.amazonaws.com` },
  s3: { envId: "S3", host: (r) => `s3.${r}.amazonaws.com` },
  apigateway: { envId: "APIGATEWAYV2", host: (r) => `apigateway.${r}.amazonaws.com` },
  sqs: { envId: "SQS", host: (r) => `sqs.${r}.amazonaws.com` },
  sns: { envId: "SNS", host: (r) => `sns.${r}.amazonaws.com` },
  events: { envId: "EVENTBRIDGE", host: (r) => `events.${r}.amazonaws.com` },
  kinesis: { envId: "KINESIS", host: (r) => `kinesis.${r}.amazonaws.com` },
  states: { envId: "SFN", host: (r) => `states.${r}.amazonaws.com` },
};

export interface AwsRequest {
  service: keyof typeof SERVICES;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

export interface AwsResponse {
  status: number;
  text: string;
}

export class AwsApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(`${code}: ${message}`);
    this.name = "AwsApiError";
    this.code = code;
    this.status = status;
  }
}

/** node:crypto in the shape SignatureV4 wants (a hash, or an HMAC when given a secret). */
class NodeSha256 {
  private hash: crypto.Hash | crypto.Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? crypto.createHash("sha256") : crypto.createHmac("sha256", toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

export interface AwsClient {
  region: string;
  request(req: AwsRequest): Promise<AwsResponse>;
  /** JSON 1.0/1.1 protocol: POST / with X-Amz-Target */
  json<T = any>(service: AwsRequest["service"], target: string, body: unknown, version?: "1.0" | "1.1"): Promise<T>;
  /** query protocol (SNS): form-encoded POST, XML back */
  query(service: AwsRequest["service"], params: Record<string, string>): Promise<string>;
}

export function awsClient(region: string): AwsClient {
  const sts = new STSClient({ region });
  const credentials = () => sts.config.credentials();
  const request = async (req: AwsRequest): Promise<AwsResponse> => {
    const spec = SERVICES[req.service]!;
    const override = process.env[`AWS_ENDPOINT_URL_${spec.envId}`] || process.env.AWS_ENDPOINT_URL;
    const base = new URL(override || `https://${spec.host(region)}`);
    const body = req.body ?? "";
    const basePath = base.pathname === "/" ? "" : base.pathname.replace(/\/$/, "");
    const signer = new SignatureV4({
      service: req.service,
      region,
      credentials,
      sha256: NodeSha256,
      uriEscapePath: req.service !== "s3",
      applyChecksum: req.service === "s3",
    });
    const signed = await signer.sign({
      method: req.method ?? "POST",
      protocol: base.protocol,
      hostname: base.hostname,
      ...(base.port ? { port: Number(base.port) } : {}),
      path: `${basePath}${req.path ?? "/"}`,
      query: req.query ?? {},
      headers: { host: base.host, ...(req.headers ?? {}) },
      body,
    });
    return send(base, signed.method, signed.path, signed.query as Record<string, string>, signed.headers, body);
  };
  return {
    region,
    request,
    async json(service, target, body, version = "1.1") {
      const res = await request({
        service,
        headers: { "content-type": `application/x-amz-json-${version}`, "x-amz-target": target },
        body: JSON.stringify(body),
      });
      const parsed = res.text ? (JSON.parse(res.text) as Record<string, any>) : {};
      if (res.status >= 300) {
        const code = String(parsed.__type ?? parsed.code ?? res.status)
          .split("#")
          .pop()!;
        throw new AwsApiError(code, res.status, String(parsed.message ?? parsed.Message ?? res.text));
      }
      return parsed as any;
    },
    async query(service, params) {
      const res = await request({
        service,
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: new URLSearchParams(params).toString(),
      });
      if (res.status >= 300) throw xmlError(res);
      return res.text;
    },
  };
}

export function xmlError(res: AwsResponse): AwsApiError {
  const code = /<Code>([^<]*)<\/Code>/.exec(res.text)?.[1] ?? String(res.status);
  const message = /<Message>([^<]*)<\/Message>/.exec(res.text)?.[1] ?? res.text.slice(0, 200);
  return new AwsApiError(code, res.status, message);
}

/** RFC 3986, as SigV4 encodes query strings. */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function send(
  base: URL,
  method: string,
  path: string,
  query: Record<string, string | string[] | null>,
  headers: Record<string, string>,
  body: string,
): Promise<AwsResponse> {
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const item of Array.isArray(v) ? v : [v ?? ""]) pairs.push(`${escapeUri(k)}=${escapeUri(item)}`);
  }
  const qs = pairs.join("&");
  const lib = base.protocol === "http:" ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        method,
        hostname: base.hostname,
        port: base.port || undefined,
        path: `${path}${qs ? `?${qs}` : ""}`,
        headers,
        timeout: 30_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timed out: ${method} ${base.host}${path}`)));
    req.on("error", reject);
    req.end(body);
  });
}
