// A stand-in for the edge in front of one service: a server on 127.0.0.1:0
// that turns each request into an EdgeRequest, so tests can drive a service
// with the official AWS SDK clients.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { EdgeRequest, Service } from "../../course/cloud/service.ts";

export interface ServedService {
  url: string;
  close(): Promise<void>;
}

/** what every SDK client in the tests is configured with */
export function sdkConfig(url: string) {
  return {
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDLEARNER", secretAccessKey: "learner-secret" },
    maxAttempts: 1,
  };
}

export async function serveService(service: Service): Promise<ServedService> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: EdgeRequest = {
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      headers: req.headers,
      body: Buffer.concat(chunks),
      principal: { kind: "learner", accessKeyId: "AKIDLEARNER", arn: "arn:aws:iam::000000000000:user/learner" },
      requestId: randomUUID(),
      sourceIp: "127.0.0.1",
    };
    try {
      const response = await service.handle(request);
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
