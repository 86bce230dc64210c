// The Lambda service running well-behaved handlers: cold and warm starts, the
// environment a handler sees, its logs, concurrency, reloads and the REST API
// as the official SDK calls it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LambdaApiError, LambdaService } from "../../course/cloud/lambda/index.ts";
import { LogStore } from "../../course/cloud/logs/index.ts";
import { credentialsFor } from "../../course/cloud/principals.ts";
import type { FunctionSpec } from "../../course/graph/model.ts";
import { ROOT } from "../../course/paths.ts";
import { type ServedService, sdkConfig, serveService } from "../helpers/serve-service.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";
const EDGE_URL = "http://127.0.0.1:4566";

function fixture(name: string, handler: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    id: name,
    name: `lambda-test-${name}`,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:lambda-test-${name}`,
    handler: `test/fixtures/handlers/${handler}`,
    runtime: "nodejs24.x",
    timeoutSeconds: 5,
    memoryMB: 256,
    environment: {
      GREETING: "hello",
      SST_RESOURCE_App: JSON.stringify({ name: "course", stage: "test" }),
      SST_RESOURCE_Orders: JSON.stringify({ name: "course-test-orders", type: "sst.aws.Dynamo" }),
    },
    roleArn: `arn:aws:iam::000000000000:role/lambda-test-${name}-role`,
    policy: [],
    logGroup: `/aws/lambda/lambda-test-${name}`,
    ...overrides,
  };
}

const echo = fixture("echo", "echo.handler");
const env = fixture("env", "echo.env");
const resource = fixture("resource", "echo.resource");
const sync = fixture("sync", "echo.sync");
const nested = fixture("nested", "echo.nested.deeper");
const levels = fixture("levels", "echo.levels");
const slow = fixture("slow", "echo.slow");

const json = (payload: Uint8Array | undefined) => JSON.parse(Buffer.from(payload ?? []).toString("utf8"));
const decodeTail = (logResult: string | undefined) => Buffer.from(logResult ?? "", "base64").toString("utf8");

describe("LambdaService", () => {
  const logs = new LogStore();
  const logged: string[] = [];
  let service: LambdaService;
  let served: ServedService;
  let client: LambdaClient;

  beforeAll(async () => {
    service = new LambdaService({
      functions: [echo, env, resource, sync, nested, levels, slow],
      root: ROOT,
      edgeUrl: EDGE_URL,
      logs,
      onLog: (fn, line) => logged.push(`${fn.name} ${line}`),
    });
    served = await serveService(service);
    client = new LambdaClient(sdkConfig(served.url));
  });

  afterAll(async () => {
    client?.destroy();
    await served?.close();
    await service?.close();
  });

  it("starts cold once, then reuses the warm environment", async () => {
    const first = await service.invoke(echo.name, JSON.stringify({ order: 1 }), { logType: "Tail" });
    const second = await service.invoke(echo.name, JSON.stringify({ order: 2 }), { logType: "Tail" });

    expect(first.statusCode).toBe(200);
    expect(first.functionError).toBeUndefined();
    expect(json(first.payload)).toMatchObject({ event: { order: 1 }, invocations: 1 });
    expect(json(second.payload)).toMatchObject({ event: { order: 2 }, invocations: 2 });

    const firstReport = decodeTail(first.logResult)
      .split("\n")
      .find((l) => l.startsWith("REPORT"));
    const secondReport = decodeTail(second.logResult)
      .split("\n")
      .find((l) => l.startsWith("REPORT"));
    expect(firstReport).toMatch(
      new RegExp(
        `^REPORT RequestId: ${first.requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms\\t$`,
      ),
    );
    expect(secondReport).toBeDefined();
    expect(secondReport).not.toContain("Init Duration");
  });

  it("gives the handler Lambda's context object", async () => {
    const clientContext = Buffer.from(JSON.stringify({ custom: { from: "test" } })).toString("base64");
    const result = await service.invoke(echo.name, "{}", { clientContext });
    const { context } = json(result.payload);
    expect(context).toEqual({
      awsRequestId: result.requestId,
      functionName: echo.name,
      functionVersion: "$LATEST",
      invokedFunctionArn: echo.arn,
      memoryLimitInMB: "256",
      logGroupName: echo.logGroup,
      logStreamName: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/),
      remainingPositive: true,
      callbackWaitsForEmptyEventLoop: true,
      clientContext: { custom: { from: "test" } },
    });
  });

  it("isolates the environment: the function's variables and Lambda's, never the local cloud's", async () => {
    process.env.COURSE_TEST_PARENT_ONLY = "must not leak";
    try {
      const result = await service.invoke(env.name, "{}");
      expect(json(result.payload)).toEqual({
        parentOnly: null,
        greeting: "hello",
        functionName: env.name,
        version: "$LATEST",
        region: "us-east-1",
        endpoint: EDGE_URL,
        accessKeyId: credentialsFor(env).accessKeyId,
        handler: env.handler,
      });
    } finally {
      delete process.env.COURSE_TEST_PARENT_ONLY;
    }
  });

  it("lets `Resource` from sst read the linked resources", async () => {
    const result = await service.invoke(resource.name, "{}");
    expect(json(result.payload)).toEqual({ table: "course-test-orders" });
  });

  it("takes plain return values and nested exports", async () => {
    expect(json((await service.invoke(sync.name, "{}")).payload)).toBe("plain value");
    expect(json((await service.invoke(nested.name, "{}")).payload)).toBe("nested export");
  });

  it("writes console output as Lambda's text log lines, with START, END and REPORT", async () => {
    const result = await service.invoke(levels.name, "{}");
    const stream = [...(logs.group(levels.logGroup)?.streams.values() ?? [])][0];
    const messages = stream?.events.map((e) => e.message) ?? [];
    const id = result.requestId;
    const line = (level: string, text: string) =>
      expect.stringMatching(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\\t${id}\\t${level}\\t${text}$`));
    expect(messages).toEqual([
      `START RequestId: ${id} Version: $LATEST`,
      line("INFO", "an info line"),
      line("WARN", "a warn line"),
      line("ERROR", "an error line"),
      line("DEBUG", "a debug line"),
      `END RequestId: ${id}`,
      expect.stringMatching(new RegExp(`^REPORT RequestId: ${id}\\t`)),
    ]);
    expect(stream?.name).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(logged).toContain(`${levels.name} START RequestId: ${id} Version: $LATEST`);
  });

  it("runs concurrent invocations in separate environments, each with its own log stream", async () => {
    const [a, b] = await Promise.all([
      service.invoke(slow.name, JSON.stringify({ ms: 300 })),
      service.invoke(slow.name, JSON.stringify({ ms: 300 })),
    ]);
    expect(json(a.payload)).not.toBe(json(b.payload));
    expect([...(logs.group(slow.logGroup)?.streams.keys() ?? [])].sort()).toEqual(
      [json(a.payload), json(b.payload)].sort(),
    );
  });

  it("throttles synchronous calls beyond the concurrency limit and queues async events", async () => {
    const limited = fixture("limited", "echo.slow");
    const small = new LambdaService({
      functions: [limited],
      root: ROOT,
      edgeUrl: EDGE_URL,
      logs,
      maxConcurrencyPerFunction: 1,
    });
    try {
      const busy = small.invoke(limited.name, JSON.stringify({ ms: 500 }));
      // the first call is still building and starting, so the second finds no free environment
      await expect(small.invoke(limited.name, JSON.stringify({ ms: 1 }))).rejects.toMatchObject({
        status: 429,
        code: "TooManyRequestsException",
      });
      const queued = await small.invoke(limited.name, JSON.stringify({ ms: 1 }), { type: "Event" });
      expect(queued.statusCode).toBe(202);
      await busy;
      await small.idle();
      const starts = [...(logs.group(limited.logGroup)?.streams.values() ?? [])]
        .flatMap((s) => s.events)
        .filter((e) => e.message.startsWith("START"));
      expect(starts).toHaveLength(2);
    } finally {
      await small.close();
    }
  });

  it("reloads a handler after invalidate(), and a changed configuration after update()", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-reload-"));
    const file = path.join(root, "reload.ts");
    fs.writeFileSync(file, "export const handler = async () => ({ version: 1, greeting: process.env.GREETING });\n");
    const reload = fixture("reload", "", { handler: "reload.handler" });
    const local = new LambdaService({ functions: [reload], root, edgeUrl: EDGE_URL, logs });
    try {
      expect(json((await local.invoke(reload.name, "{}")).payload)).toEqual({ version: 1, greeting: "hello" });
      fs.writeFileSync(file, "export const handler = async () => ({ version: 2, greeting: process.env.GREETING });\n");
      expect(json((await local.invoke(reload.name, "{}")).payload)).toEqual({ version: 1, greeting: "hello" });
      local.invalidate();
      expect(json((await local.invoke(reload.name, "{}")).payload)).toEqual({ version: 2, greeting: "hello" });

      local.update([{ ...reload, environment: { GREETING: "bonjour" } }]);
      expect(json((await local.invoke(reload.name, "{}")).payload)).toEqual({ version: 2, greeting: "bonjour" });

      local.update([]);
      await expect(local.invoke(reload.name, "{}")).rejects.toBeInstanceOf(LambdaApiError);
    } finally {
      await local.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  describe("through the SDK", () => {
    it("invokes by name, ARN and partial ARN, with the log tail", async () => {
      for (const FunctionName of [echo.name, echo.arn, `000000000000:function:${echo.name}`, `${echo.name}:$LATEST`]) {
        const result = await client.send(
          new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify({ via: "sdk" })), LogType: "Tail" }),
        );
        expect(result.StatusCode).toBe(200);
        expect(result.FunctionError).toBeUndefined();
        expect(result.ExecutedVersion).toBe("$LATEST");
        expect(json(result.Payload)).toMatchObject({ event: { via: "sdk" } });
        const tail = decodeTail(result.LogResult);
        expect(tail).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
        expect(tail).toContain('INFO\techo got {"via":"sdk"}');
        expect(tail).toMatch(/REPORT RequestId: [0-9a-f-]{36}\tDuration: /);
      }
    });

    it("answers Event with 202 and DryRun with 204", async () => {
      const event = await client.send(
        new InvokeCommand({ FunctionName: echo.name, InvocationType: "Event", Payload: Buffer.from("{}") }),
      );
      expect(event.StatusCode).toBe(202);
      const dryRun = await client.send(new InvokeCommand({ FunctionName: echo.name, InvocationType: "DryRun" }));
      expect(dryRun.StatusCode).toBe(204);
      await service.idle();
    });

    it("reports a missing function, a payload that is not JSON and one over 6 MB as Lambda does", async () => {
      const missing = client.send(new InvokeCommand({ FunctionName: "no-such-function", Payload: Buffer.from("{}") }));
      await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(missing).rejects.toMatchObject({
        message: "Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function",
        $metadata: { httpStatusCode: 404 },
      });
      await expect(
        client.send(new InvokeCommand({ FunctionName: "no-such-function", InvocationType: "DryRun" })),
      ).rejects.toMatchObject({
        name: "ResourceNotFoundException",
      });
      await expect(
        client.send(new InvokeCommand({ FunctionName: echo.name, Payload: Buffer.from("not json") })),
      ).rejects.toMatchObject({
        name: "InvalidRequestContentException",
        message: expect.stringMatching(/^Could not parse request body into json: /),
        $metadata: { httpStatusCode: 400 },
      });
      await expect(
        client.send(
          new InvokeCommand({
            FunctionName: echo.name,
            Payload: Buffer.from(JSON.stringify("x".repeat(6 * 1024 * 1024))),
          }),
        ),
      ).rejects.toMatchObject({ name: "RequestTooLargeException", $metadata: { httpStatusCode: 413 } });
    });

    it("describes a function with GetFunction", async () => {
      const result = await client.send(new GetFunctionCommand({ FunctionName: echo.arn }));
      expect(result.Configuration).toMatchObject({
        FunctionName: echo.name,
        FunctionArn: echo.arn,
        Runtime: "nodejs24.x",
        Role: echo.roleArn,
        Handler: echo.handler,
        Timeout: 5,
        MemorySize: 256,
        Environment: { Variables: echo.environment },
        State: "Active",
        PackageType: "Zip",
        Architectures: ["x86_64"],
      });
      expect(result.Configuration?.LastModified).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+\+0000$/);
      expect(result.Code).toEqual({ RepositoryType: "S3", Location: expect.stringMatching(/^file:.*echo\.ts$/) });
    });

    it("lists functions page by page with Marker and MaxItems", async () => {
      const names: string[] = [];
      let Marker: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(new ListFunctionsCommand({ MaxItems: 3, ...(Marker ? { Marker } : {}) }));
        expect(page.Functions?.length).toBeLessThanOrEqual(3);
        names.push(...(page.Functions ?? []).map((f) => f.FunctionName ?? ""));
        Marker = page.NextMarker;
        pages += 1;
      } while (Marker);
      expect(pages).toBe(3);
      expect(names).toEqual([echo, env, levels, nested, resource, slow, sync].map((f) => f.name));
    });
  });
});
