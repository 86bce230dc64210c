// The one endpoint of the local cloud (default 127.0.0.1:4566): reads each
// request once, finds the service and the caller, and answers in AWS's shape
// even when the request is malformed or a service fails.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { EdgeRequest, EdgeResponse, Principal, Service } from "../service.ts";
import { credentialOf, executeApiTarget, serviceOf } from "./route.ts";

/** Lambda's synchronous payload limit is 6 MB; accept a little more so services can answer with their own error. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;

export interface HttpApiHandler {
  handle(request: EdgeRequest, apiId: string, path: string): Promise<EdgeResponse>;
}

export interface CallRecord {
  time: number;
  service: string;
  operation: string;
  principal: Principal;
  status: number;
}

export interface EdgeOptions {
  port: number;
  services: () => Service[];
  httpApis: () => HttpApiHandler | undefined;
  principalOf(accessKeyId: string): Principal;
  /** IAM's check before the service sees the request: undefined lets it through, a response denies it */
  authorize?(request: EdgeRequest, serviceName: string): EdgeResponse | undefined;
  /** answers GET /_course/health, so the CLI can tell our cloud from another program on the port */
  describe(): Record<string, unknown>;
  onCall?(call: CallRecord): void;
}

export interface Edge {
  url: string;
  port: number;
  close(): Promise<void>;
}

const ANONYMOUS: Principal = { kind: "learner", accessKeyId: "", arn: "anonymous" };

export function startEdge(options: EdgeOptions): Promise<Edge> {
  const server = http.createServer((req, res) => {
    serve(options, req)
      .catch((err: unknown) => internalError(err))
      .then((response) => send(res, response));
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function serve(options: EdgeOptions, req: http.IncomingMessage): Promise<EdgeResponse> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const body = await readBody(req);
  if (body === "too-large") return tooLarge();
  if (url.pathname === "/_course/health") {
    return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(options.describe()) };
  }
  const credential = credentialOf(req.headers, url);
  const request: EdgeRequest = {
    method: req.method ?? "GET",
    url,
    headers: req.headers,
    body,
    principal: credential ? options.principalOf(credential.accessKeyId) : ANONYMOUS,
    requestId: randomUUID(),
    sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
  };

  const api = executeApiTarget(url.pathname);
  if (api) {
    const handler = options.httpApis();
    if (!handler) return notFoundApi();
    // API Gateway joins repeated headers with ","; Node has already joined most of them with ", ".
    const headers = Object.fromEntries(
      Object.entries(req.headersDistinct).map(([name, values]) => [name, values?.length === 1 ? values[0] : values]),
    );
    return handler.handle({ ...request, headers }, api.apiId, api.path);
  }

  const name = serviceOf(req.headers, credential);
  if (!name) return missingAuthentication();
  const service = options.services().find((s) => s.signingName === name);
  if (!service) return unknownService(name);
  const response = options.authorize?.(request, name) ?? (await service.handle(request));
  options.onCall?.({
    time: Date.now(),
    service: name,
    operation: operationOf(req.headers, url, request.body),
    principal: request.principal,
    status: response.status,
  });
  return response;
}

/** X-Amz-Target for JSON protocols; Action in the query string or the form body for query protocols (IAM, SNS, old SQS) */
function operationOf(headers: http.IncomingHttpHeaders, url: URL, body: Buffer): string {
  const target = headers["x-amz-target"];
  if (typeof target === "string") return target.split(".").at(-1) ?? target;
  const form = String(headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
    ? new URLSearchParams(body.toString("utf8")).get("Action")
    : null;
  return url.searchParams.get("Action") ?? form ?? url.pathname;
}

function readBody(req: http.IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, response: EdgeResponse): void {
  const body = response.body ?? "";
  res.statusCode = response.status;
  for (const [key, value] of Object.entries(response.headers ?? {})) res.setHeader(key, value);
  if (!res.hasHeader("x-amzn-requestid")) res.setHeader("x-amzn-requestid", randomUUID());
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
}

function jsonError(status: number, code: string, message: string): EdgeResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-errortype": code },
    body: JSON.stringify({ __type: code, message }),
  };
}

const tooLarge = () =>
  jsonError(413, "RequestEntityTooLargeException", `Request must be smaller than ${MAX_BODY_BYTES} bytes`);
const missingAuthentication = () =>
  jsonError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
const notFoundApi = () => ({
  status: 404,
  headers: { "content-type": "application/json" },
  body: '{"message":"Not Found"}',
});
const unknownService = (name: string) =>
  jsonError(
    400,
    "UnknownServiceException",
    `The local cloud does not emulate "${name}". It serves the services your lab's SST app uses; run \`npx course status\` to see them.`,
  );

function internalError(err: unknown): EdgeResponse {
  console.error("course: the local cloud failed on a request:", err);
  return jsonError(500, "InternalFailure", "The local cloud failed on this request; its terminal shows why.");
}
