// Lambda's Node.js runtime, played inside one worker thread (one execution
// environment): it loads the bundled handler, turns console output into
// Lambda's log lines and runs one invocation at a time for the service.

import { pathToFileURL } from "node:url";
import { format } from "node:util";
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { errorLogMessage, textLogLine } from "./log-lines.ts";
import type { ErrorPayload, InvokeMessage, WorkerData, WorkerMessage } from "./protocol.ts";

type Handler = (event: unknown, context: object, callback?: unknown) => unknown;

const port = parentPort;
if (!port) throw new Error("runtime-worker.ts runs inside a worker thread");
const data = workerData as WorkerData;
const post = (message: WorkerMessage) => port.postMessage(message);

// Outside an invocation Lambda prints the request id as "undefined".
let requestId = "undefined";

function log(level: string, message: string): void {
  post({ type: "log", line: textLogLine(requestId, level, message) });
}

const levelOf =
  (level: string) =>
  (...args: unknown[]) =>
    log(level, format(...args));
console.trace = levelOf("TRACE");
console.debug = levelOf("DEBUG");
console.info = levelOf("INFO");
console.warn = levelOf("WARN");
console.error = levelOf("ERROR");
console.log = console.info;

function runtimeError(errorType: string, message: string, cause?: unknown): Error {
  const error = new Error(message);
  error.name = errorType;
  if (cause instanceof Error && cause.stack) error.stack = `${errorType}: ${message}\n${cause.stack}`;
  return error;
}

function toPayload(error: unknown): ErrorPayload {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: error.stack?.split("\n") ?? [] };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** the runtime reports a crash the way Lambda's does, then the environment is gone */
function crash(label: string, error: unknown, exitCode: number): void {
  const payload = toPayload(error);
  log("ERROR", errorLogMessage(label, payload));
  post({ type: "fatal", error: payload });
  process.exit(exitCode);
}

process.on("uncaughtException", (error) => crash("Uncaught Exception", error, 129));
process.on("unhandledRejection", (reason) =>
  crash("Unhandled Promise Rejection", runtimeError("Runtime.UnhandledPromiseRejection", String(reason), reason), 128),
);

async function loadHandler(): Promise<Handler> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(data.module).href)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SyntaxError) throw runtimeError("Runtime.UserCodeSyntaxError", String(error), error);
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw runtimeError("Runtime.ImportModuleError", String(error), error);
    }
    throw error;
  }
  const find = (root: unknown) =>
    data.exportName
      .split(".")
      .reduce<unknown>(
        (at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined),
        root,
      );
  const handler = find(module) ?? find(module.default);
  if (!handler) throw runtimeError("Runtime.HandlerNotFound", `${data.handler} is undefined or not exported`);
  if (typeof handler !== "function") throw runtimeError("Runtime.HandlerNotFound", `${data.handler} is not a function`);
  if (data.rejectCallbackHandlers && handler.length >= 3) {
    throw runtimeError(
      "Runtime.CallbackHandlerDeprecated",
      "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.",
    );
  }
  return handler as Handler;
}

function callHandler(handler: Handler, event: unknown, context: object): Promise<unknown> {
  if (handler.length < 3) return Promise.resolve(handler(event, context));
  // older runtimes still take callback-style handlers
  return new Promise((resolve, reject) => {
    const callback = (error: unknown, value: unknown) => (error ? reject(error) : resolve(value));
    Promise.resolve(handler(event, context, callback)).then((value) => value !== undefined && resolve(value), reject);
  });
}

const memoryBytes = () => {
  const heap = getHeapStatistics();
  return heap.total_heap_size + heap.external_memory;
};

async function invoke(handler: Handler, message: InvokeMessage): Promise<void> {
  requestId = message.requestId;
  const env = process.env;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: message.clientContext,
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
  };
  try {
    const result = await callHandler(handler, JSON.parse(message.event), context);
    let payload: string;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch {
      throw runtimeError("Runtime.JSONStringifyError", "Unable to stringify response body");
    }
    post({ type: "result", payload, memoryBytes: memoryBytes() });
  } catch (error) {
    const payload = toPayload(error);
    log("ERROR", errorLogMessage("Invoke Error", payload));
    post({ type: "error", error: payload, memoryBytes: memoryBytes() });
  }
}

process.setSourceMapsEnabled(true);
try {
  const handler = await loadHandler();
  port.on("message", (message: InvokeMessage) => void invoke(handler, message));
  post({ type: "ready", memoryBytes: memoryBytes() });
} catch (error) {
  const payload = toPayload(error);
  log("ERROR", errorLogMessage("Init Error", payload));
  post({ type: "init-error", error: payload });
}
