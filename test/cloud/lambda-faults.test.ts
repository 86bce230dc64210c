// Every way a handler can fail, answered as Lambda answers it, and the
// service still serving the next invocation afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LambdaService } from "../../course/cloud/lambda/index.ts";
import type { InvokeResult } from "../../course/cloud/lambda/invoker.ts";
import { LogStore } from "../../course/cloud/logs/index.ts";
import type { FunctionSpec } from "../../course/graph/model.ts";
import { ROOT } from "../../course/paths.ts";
import { type ServedService, sdkConfig, serveService } from "../helpers/serve-service.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

function fixture(name: string, handler: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    id: name,
    name: `faults-test-${name}`,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:faults-test-${name}`,
    handler: `test/fixtures/handlers/${handler}`,
    runtime: "nodejs24.x",
    timeoutSeconds: 10,
    memoryMB: 128,
    environment: {},
    roleArn: `arn:aws:iam::000000000000:role/faults-test-${name}-role`,
    policy: [],
    logGroup: `/aws/lambda/faults-test-${name}`,
    ...overrides,
  };
}

const spin = fixture("spin", "faults.spin", { timeoutSeconds: 1 });
const arrays = fixture("arrays", "faults.arrays");
const buffers = fixture("buffers", "faults.buffers");
const exit = fixture("exit", "faults.exit");
const thrower = fixture("thrower", "faults.thrower");
const rejecter = fixture("rejecter", "faults.rejecter");
const circular = fixture("circular", "faults.circular");
const lateThrow = fixture("late-throw", "faults.lateThrow");
const unhandled = fixture("unhandled", "faults.unhandled");
const callbackStyle = fixture("callback", "faults.callbackStyle");
const missingExport = fixture("missing-export", "faults.doesNotExist");
const notAFunction = fixture("not-a-function", "faults.notAFunction");
const alwaysFails = fixture("always-fails", "faults.alwaysFails");

const MISBEHAVE = JSON.stringify({ misbehave: true });
const json = (result: InvokeResult) => JSON.parse(result.payload.toString("utf8"));
const messagesOf = (logs: LogStore, fn: FunctionSpec) =>
  [...(logs.group(fn.logGroup)?.streams.values() ?? [])].flatMap((s) => s.events).map((e) => e.message);

describe("LambdaService faults", () => {
  const logs = new LogStore();
  let service: LambdaService;
  let served: ServedService;
  let client: LambdaClient;

  beforeAll(async () => {
    service = new LambdaService({
      functions: [
        spin,
        arrays,
        buffers,
        exit,
        thrower,
        rejecter,
        circular,
        lateThrow,
        unhandled,
        callbackStyle,
        missingExport,
        notAFunction,
        alwaysFails,
      ],
      root: ROOT,
      edgeUrl: "http://127.0.0.1:4566",
      logs,
      asyncRetryDelaysMs: [10, 20],
    });
    served = await serveService(service);
    client = new LambdaClient(sdkConfig(served.url));
  });

  afterAll(async () => {
    client?.destroy();
    await served?.close();
    await service?.close();
  });

  it("stops a CPU loop at the timeout, then serves the next call", async () => {
    const result = await service.invoke(spin.name, MISBEHAVE);
    expect(result.statusCode).toBe(200);
    expect(result.functionError).toBe("Unhandled");
    expect(json(result)).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: expect.stringMatching(
        new RegExp(`^RequestId: ${result.requestId} Error: Task timed out after \\d+\\.\\d{2} seconds$`),
      ),
    });
    const messages = messagesOf(logs, spin);
    expect(messages).toContainEqual(
      expect.stringMatching(new RegExp(`^\\S+Z ${result.requestId} Task timed out after \\d+\\.\\d{2} seconds$`)),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(new RegExp(`^REPORT RequestId: ${result.requestId}\\t.*\\tStatus: timeout\\t$`)),
    );

    const next = await service.invoke(spin.name, "{}");
    expect(next.functionError).toBeUndefined();
    expect(json(next)).toBe("recovered");
  });

  it.each([
    ["arrays", arrays],
    ["Buffers", buffers],
  ])("answers Runtime.OutOfMemory when a handler allocates past its memory with %s", async (_kind, fn) => {
    const result = await service.invoke(fn.name, MISBEHAVE);
    expect(result.functionError).toBe("Unhandled");
    expect(json(result)).toEqual({
      errorType: "Runtime.OutOfMemory",
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: signal: killed`,
    });
    expect(messagesOf(logs, fn)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^REPORT RequestId: ${result.requestId}\\t.*\\tStatus: error\\tError Type: Runtime.OutOfMemory\\t$`),
      ),
    );

    // the environment was replaced: the next call starts cold and succeeds
    const next = await service.invoke(fn.name, "{}", { logType: "Tail" });
    expect(json(next)).toBe("recovered");
    expect(Buffer.from(next.logResult ?? "", "base64").toString()).toContain("Init Duration");
  });

  it("answers Runtime.ExitError when a handler calls process.exit", async () => {
    const result = await service.invoke(exit.name, MISBEHAVE);
    expect(result.functionError).toBe("Unhandled");
    expect(json(result)).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(json(await service.invoke(exit.name, "{}"))).toBe("recovered");
  });

  it("reports a thrown error with its name, message and trace, and keeps the environment", async () => {
    const result = await service.invoke(thrower.name, "{}");
    expect(result.functionError).toBe("Unhandled");
    const payload = json(result);
    expect(payload).toMatchObject({ errorType: "OrderRejected", errorMessage: "no stock for order 42" });
    expect(payload.trace[0]).toBe("OrderRejected: no stock for order 42");
    // source maps point the trace at the TypeScript source
    expect(payload.trace.join("\n")).toMatch(/faults\.ts:\d+:\d+/);
    expect(messagesOf(logs, thrower)).toContainEqual(
      expect.stringMatching(
        new RegExp(`\\t${result.requestId}\\tERROR\\tInvoke Error \\t\\{"errorType":"OrderRejected"`),
      ),
    );

    const again = await service.invoke(thrower.name, "{}", { logType: "Tail" });
    expect(Buffer.from(again.logResult ?? "", "base64").toString()).not.toContain("Init Duration");
  });

  it("reports a rejected promise like a throw", async () => {
    const result = await service.invoke(rejecter.name, "{}");
    expect(result.functionError).toBe("Unhandled");
    expect(json(result)).toMatchObject({ errorType: "TypeError", errorMessage: "rejected on purpose" });
  });

  it("reports a result that cannot be serialised", async () => {
    const result = await service.invoke(circular.name, "{}");
    expect(result.functionError).toBe("Unhandled");
    expect(json(result)).toMatchObject({
      errorType: "Runtime.JSONStringifyError",
      errorMessage: "Unable to stringify response body",
    });
  });

  it("reports an exception thrown outside the handler's promise, then starts a new environment", async () => {
    const result = await service.invoke(lateThrow.name, MISBEHAVE);
    expect(result.functionError).toBe("Unhandled");
    expect(json(result)).toMatchObject({ errorType: "Error", errorMessage: "thrown from a timer" });
    expect(json(await service.invoke(lateThrow.name, "{}"))).toBe("recovered");
  });

  it("reports an unhandled rejection as Runtime.UnhandledPromiseRejection", async () => {
    const result = await service.invoke(unhandled.name, MISBEHAVE);
    expect(result.functionError).toBe("Unhandled");
    expect(json(result)).toMatchObject({
      errorType: "Runtime.UnhandledPromiseRejection",
      errorMessage: "Error: nobody awaited me",
    });
    expect(json(await service.invoke(unhandled.name, "{}"))).toBe("recovered");
  });

  it("refuses callback-style handlers on Node.js 24, and runs them on older runtimes", async () => {
    const result = await service.invoke(callbackStyle.name, "{}");
    expect(json(result)).toMatchObject({ errorType: "Runtime.CallbackHandlerDeprecated" });

    const older = fixture("callback-22", "faults.callbackStyle", { runtime: "nodejs22.x" });
    const service22 = new LambdaService({ functions: [older], root: ROOT, edgeUrl: "http://127.0.0.1:4566", logs });
    try {
      expect(json(await service22.invoke(older.name, "{}"))).toBe("called back");
    } finally {
      await service22.close();
    }
  });

  it("reports a missing export as Runtime.HandlerNotFound", async () => {
    const missing = await service.invoke(missingExport.name, "{}");
    expect(missing.functionError).toBe("Unhandled");
    expect(json(missing)).toMatchObject({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "test/fixtures/handlers/faults.doesNotExist is undefined or not exported",
    });
    expect(messagesOf(logs, missingExport)).toContainEqual(
      expect.stringMatching(
        /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime.HandlerNotFound$/,
      ),
    );
    expect(json(await service.invoke(notAFunction.name, "{}"))).toMatchObject({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "test/fixtures/handlers/faults.notAFunction is not a function",
    });
  });

  describe("code that does not load", () => {
    let root: string;
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-faults-"));
      fs.writeFileSync(path.join(root, "broken.ts"), "export const handler = async () => {\n  return { ok: true\n};\n");
      fs.writeFileSync(
        path.join(root, "relative.ts"),
        'import { helper } from "./helper.ts";\nexport const handler = async () => helper();\n',
      );
      fs.writeFileSync(
        path.join(root, "package.ts"),
        'import { thing } from "no-such-package-anywhere";\nexport const handler = async () => thing;\n',
      );
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    const invokeIn = async (name: string, handler: string) => {
      const fn = fixture(name, "", { handler });
      const local = new LambdaService({ functions: [fn], root, edgeUrl: "http://127.0.0.1:4566", logs });
      try {
        return await local.invoke(fn.name, "{}");
      } finally {
        await local.close();
      }
    };

    it("reports a syntax error with its file and line", async () => {
      const result = await invokeIn("broken", "broken.handler");
      expect(result.functionError).toBe("Unhandled");
      expect(json(result)).toMatchObject({
        errorType: "Runtime.UserCodeSyntaxError",
        errorMessage: expect.stringMatching(/^SyntaxError: broken\.ts:4:\d+: /),
      });
    });

    it("reports a module that cannot be found as Runtime.ImportModuleError", async () => {
      expect(json(await invokeIn("relative", "relative.handler"))).toMatchObject({
        errorType: "Runtime.ImportModuleError",
        errorMessage: expect.stringContaining("Cannot find module './helper.ts'"),
      });
      expect(json(await invokeIn("package", "package.handler"))).toMatchObject({
        errorType: "Runtime.ImportModuleError",
        errorMessage: expect.stringContaining("no-such-package-anywhere"),
      });
      expect(json(await invokeIn("no-file", "nowhere.handler"))).toMatchObject({
        errorType: "Runtime.ImportModuleError",
        errorMessage: "Error: Cannot find module 'nowhere'",
      });
    });
  });

  it("retries a failing Event twice, with the same request id, then gives up", async () => {
    const accepted = await service.invoke(alwaysFails.name, JSON.stringify({ id: "evt-1" }), { type: "Event" });
    expect(accepted.statusCode).toBe(202);
    await service.idle();
    const messages = messagesOf(logs, alwaysFails);
    expect(messages.filter((m) => m === `START RequestId: ${accepted.requestId} Version: $LATEST`)).toHaveLength(3);
    expect(messages.filter((m) => m.includes("INFO\tattempt "))).toHaveLength(3);
  });

  it("answers through the SDK with FunctionError and the error payload", async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: thrower.name, Payload: Buffer.from("{}") }));
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe("Unhandled");
    expect(JSON.parse(Buffer.from(result.Payload ?? []).toString())).toMatchObject({ errorType: "OrderRejected" });
  });
});
