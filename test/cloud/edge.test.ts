// The edge answers malformed and unknown requests in AWS's shape, and binds loopback only.
import fs from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Edge, MAX_BODY_BYTES, startEdge } from "../../course/cloud/edge/server.ts";
import type { EdgeRequest, Service } from "../../course/cloud/service.ts";

let edge: Edge;
const seen: EdgeRequest[] = [];
const echo: Service = {
  signingName: "lambda",
  async handle(request) {
    seen.push(request);
    return { status: 200, body: "{}" };
  },
};

beforeAll(async () => {
  edge = await startEdge({
    port: 0,
    services: () => [echo],
    httpApis: () => undefined,
    principalOf: (key) => ({
      kind: key === "ASIAFUNCTION" ? "function" : "learner",
      accessKeyId: key,
      arn: `arn:${key}`,
    }),
    describe: () => ({ course: "local-cloud" }),
  });
});
afterAll(() => edge.close());

const signed = (key: string, service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261127/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=abc`,
});

test("an unsigned request is refused as AWS refuses it", async () => {
  const res = await fetch(`${edge.url}/2015-03-31/functions/`);
  expect(res.status).toBe(403);
  expect(res.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
});

test("a service the lab does not use gets a 4xx that says so", async () => {
  const res = await fetch(`${edge.url}/`, { method: "POST", headers: signed("KEY", "s3") });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { message: string }).message).toContain('"s3"');
});

test("the credential scope routes the call and names the caller", async () => {
  const res = await fetch(`${edge.url}/2015-03-31/functions/`, { headers: signed("ASIAFUNCTION", "lambda") });
  expect(res.status).toBe(200);
  expect(seen.at(-1)?.principal).toMatchObject({ kind: "function", accessKeyId: "ASIAFUNCTION" });
});

test("a huge body gets 413 and the edge keeps serving", async () => {
  const body = Buffer.alloc(MAX_BODY_BYTES + 1, 97);
  const res = await fetch(`${edge.url}/`, { method: "POST", headers: signed("KEY", "lambda"), body });
  expect(res.status).toBe(413);
  const after = await fetch(`${edge.url}/_course/health`);
  expect(await after.json()).toEqual({ course: "local-cloud" });
});

test("an HTTP API id that does not exist is a 404 Not Found", async () => {
  const res = await fetch(`${edge.url}/_aws/execute-api/nope/orders`);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ message: "Not Found" });
});

test("nothing this process listens on is bound beyond 127.0.0.1", () => {
  const inodes = new Set(
    fs
      .readdirSync("/proc/self/fd")
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter(Boolean),
  );
  const listening = ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((file) =>
    fs
      .readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === "0A" && inodes.has(cols[9] ?? "")),
  );
  expect(listening.length).toBeGreaterThan(0);
  for (const cols of listening) {
    const address = (cols[1] ?? "").split(":")[0];
    expect(["0100007F", "00000000000000000000000001000000"]).toContain(address);
  }
});
