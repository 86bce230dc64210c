// A stand-in for the edge in front of an HTTP API service: a server on
// 127.0.0.1:0 that hands /_aws/execute-api/<apiId>/... requests to the service,
// so tests can call an API with fetch the way a learner's browser does.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { EdgeRequest, EdgeResponse } from "../../course/cloud/service.ts";

export interface HttpApiHandler {
  handle(request: EdgeRequest, apiId: string, path: string): Promise<EdgeResponse>;
}

export interface ServedHttpApis {
  /** the base URL of one API, as `sst deploy` would print it */
  urlOf(apiId: string): string;
  close(): Promise<void>;
}

const PREFIX = "/_aws/execute-api/";

export async function serveHttpApis(handler: HttpApiHandler): Promise<ServedHttpApis> {
  const server = http.createServer((req, res) => {
    forward(handler, req).then(
      (response) => {
        res.writeHead(response.status, response.headers);
        res.end(response.body);
      },
      (err: unknown) => {
        res.writeHead(599, { "content-type": "text/plain" });
        res.end(String(err));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlOf: (apiId) => `http://127.0.0.1:${port}${PREFIX}${apiId}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function forward(handler: HttpApiHandler, req: http.IncomingMessage): Promise<EdgeResponse> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawUrl = req.url ?? "/";
  // the path as sent, still percent-encoded, is what API Gateway calls rawPath
  const rawPath = rawUrl.split("?")[0] ?? "/";
  if (!rawPath.startsWith(PREFIX)) return { status: 404, body: "not an HTTP API request" };
  const [apiId = "", ...rest] = rawPath.slice(PREFIX.length).split("/");
  const request: EdgeRequest = {
    method: req.method ?? "GET",
    url: new URL(rawUrl, `http://${req.headers.host ?? "127.0.0.1"}`),
    // every header with all its values, so repeated headers reach the service apart
    headers: req.headersDistinct,
    body: Buffer.concat(chunks),
    principal: { kind: "learner", accessKeyId: "", arn: "anonymous" },
    requestId: randomUUID(),
    sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
  };
  return handler.handle(request, apiId, `/${rest.join("/")}`);
}
