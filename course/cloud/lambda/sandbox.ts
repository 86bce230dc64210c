// One execution environment: a worker thread running the runtime, created on
// a cold start and reused warm until a timeout, running out of memory or an
// exit ends it. It enforces the function's timeout and memory size the way
// Lambda does (by killing it) and writes the START/END/REPORT lines.
import { Worker } from "node:worker_threads";
import type { FunctionSpec } from "../../graph/model.ts";
import { type BuildResult, buildDirOf } from "./build.ts";
import { functionEnvironment } from "./environment.ts";
import {
  endLine,
  errorLogMessage,
  initReportLine,
  logStreamName,
  type PhaseStatus,
  reportLine,
  runtimeExitLine,
  startLine,
  textLogLine,
  timeoutLine,
} from "./log-lines.ts";
import type { ErrorPayload, InvokeMessage, WorkerData, WorkerMessage } from "./protocol.ts";

const RUNTIME = new URL("./runtime-worker.ts", import.meta.url);
/** Lambda gives the INIT phase 10 seconds */
const INIT_LIMIT_MS = 10_000;
/** how often memory is measured while the environment works: Buffers live outside the heap limit */
// Often enough to stop a Buffer loop early; rarely enough not to cost a busy cloud much CPU.
const MEMORY_POLL_MS = 50;
const MB = 1024 * 1024;

export interface SandboxOptions {
  fn: FunctionSpec;
  build: () => Promise<BuildResult>;
  edgeUrl: string;
  /** one line for the function's log group, in this environment's stream */
  log(stream: string, line: string): void;
}

export interface InvocationRequest {
  requestId: string;
  /** the event, as JSON */
  event: string;
  clientContext?: unknown;
}

export interface InvocationOutcome {
  /** the result as JSON, or Lambda's error object */
  payload: string;
  functionError?: "Unhandled";
  /** every line this invocation wrote, for X-Amz-Log-Result */
  logLines: string[];
}

type Settled =
  | { kind: "ready" }
  | { kind: "init-error"; error: ErrorPayload }
  | { kind: "result"; payload: string }
  | { kind: "error"; error: ErrorPayload }
  | { kind: "fatal"; error: ErrorPayload }
  | { kind: "exit"; code: number }
  | { kind: "oom" }
  | { kind: "timeout" };

type InitResult = { durationMs: number; failure?: { error: ErrorPayload; status: PhaseStatus } };

export class Sandbox {
  readonly logStream = logStreamName();
  readonly #options: SandboxOptions;
  #worker?: Worker;
  #alive = true;
  #settle?: (settled: Settled) => void;
  #capture?: string[];
  #maxMemoryBytes = 0;
  #lastMemoryBytes = 0;
  #polling = false;

  constructor(options: SandboxOptions) {
    this.#options = options;
  }

  /** false once the environment cannot take another invocation */
  get alive(): boolean {
    return this.#alive;
  }

  async invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    const logLines: string[] = [];
    this.#capture = logLines;
    try {
      let initDurationMs: number | undefined;
      if (!this.#worker) {
        const init = await this.#init(request.requestId);
        initDurationMs = init.durationMs;
        if (init.failure) return this.#failedInit(request.requestId, init.durationMs, init.failure, logLines);
      }
      return await this.#run(request, initDurationMs, logLines);
    } finally {
      this.#capture = undefined;
    }
  }

  dispose(): void {
    this.#alive = false;
    void this.#worker?.terminate();
  }

  async #init(requestId: string): Promise<InitResult> {
    const { fn } = this.#options;
    const build = await this.#options.build();
    const started = performance.now();
    if (!build.ok) {
      this.#write(textLogLine("undefined", "ERROR", errorLogMessage("Init Error", build.error)));
      return { durationMs: performance.now() - started, failure: failureOf(build.error) };
    }
    if (!this.#alive) {
      // the cloud closed while the function was being bundled
      const error = this.#endedError({ kind: "exit", code: 1 }, requestId, "0.00");
      return { durationMs: 0, failure: failureOf(error) };
    }
    const workerData: WorkerData = {
      module: build.module,
      handler: fn.handler,
      exportName: build.exportName,
      rejectCallbackHandlers: Number(/nodejs(\d+)/.exec(fn.runtime)?.[1] ?? 24) >= 24,
    };
    this.#worker = new Worker(RUNTIME, {
      workerData,
      env: functionEnvironment(fn, {
        logStream: this.logStream,
        taskRoot: buildDirOf(fn),
        edgeUrl: this.#options.edgeUrl,
      }),
      resourceLimits: { maxOldGenerationSizeMb: fn.memoryMB },
      execArgv: [],
      stdout: true,
      stderr: true,
      name: `lambda:${fn.name}`,
    });
    this.#listen(this.#worker);
    const settled = await this.#until(INIT_LIMIT_MS);
    const durationMs = performance.now() - started;
    if (settled.kind === "ready") return { durationMs };
    this.dispose();
    if (settled.kind === "init-error" || settled.kind === "fatal")
      return { durationMs, failure: failureOf(settled.error) };
    // an init that runs out of time is retried within the invocation on AWS, and times out there
    const error = this.#endedError(settled, requestId, fn.timeoutSeconds.toFixed(2));
    return {
      durationMs,
      failure: { error, status: settled.kind === "timeout" ? { status: "timeout" } : failureOf(error).status },
    };
  }

  #failedInit(
    requestId: string,
    initDurationMs: number,
    failure: NonNullable<InitResult["failure"]>,
    logLines: string[],
  ): InvocationOutcome {
    this.#alive = false;
    this.#write(initReportLine(initDurationMs, failure.status));
    this.#write(startLine(requestId));
    this.#write(endLine(requestId));
    this.#write(this.#report(requestId, 0, initDurationMs, failure.status));
    return { payload: JSON.stringify(failure.error), functionError: "Unhandled", logLines };
  }

  async #run(
    request: InvocationRequest,
    initDurationMs: number | undefined,
    logLines: string[],
  ): Promise<InvocationOutcome> {
    const { fn } = this.#options;
    const worker = this.#worker;
    if (!worker) throw new Error("the execution environment has no runtime");
    const timeoutMs = fn.timeoutSeconds * 1000;
    this.#maxMemoryBytes = this.#lastMemoryBytes;
    this.#write(startLine(request.requestId));
    const started = performance.now();
    const message: InvokeMessage = {
      requestId: request.requestId,
      event: request.event,
      deadlineMs: Date.now() + timeoutMs,
      invokedFunctionArn: fn.arn,
      clientContext: request.clientContext,
    };
    worker.postMessage(message);
    const settled = await this.#until(timeoutMs);
    const durationMs = performance.now() - started;

    let outcome: InvocationOutcome;
    let status: PhaseStatus | undefined;
    if (settled.kind === "result") {
      outcome = { payload: settled.payload, logLines };
    } else if (settled.kind === "error") {
      outcome = { payload: JSON.stringify(settled.error), functionError: "Unhandled", logLines };
    } else {
      this.dispose();
      const seconds = (durationMs / 1000).toFixed(2);
      const error = this.#endedError(settled, request.requestId, seconds);
      if (settled.kind === "timeout") {
        this.#write(timeoutLine(request.requestId, seconds));
        status = { status: "timeout" };
      } else {
        if (settled.kind !== "fatal") this.#write(runtimeExitLine(error));
        status = { status: "error", errorType: error.errorType };
      }
      outcome = { payload: JSON.stringify(error), functionError: "Unhandled", logLines };
    }
    this.#write(endLine(request.requestId));
    this.#write(this.#report(request.requestId, durationMs, initDurationMs, status));
    return outcome;
  }

  /** the error Lambda reports when the environment itself ended */
  #endedError(settled: Settled, requestId: string, seconds: string): ErrorPayload {
    switch (settled.kind) {
      case "timeout":
        return {
          errorType: "Sandbox.Timedout",
          errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds`,
        };
      case "oom":
        return {
          errorType: "Runtime.OutOfMemory",
          errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
        };
      case "exit":
        return {
          errorType: "Runtime.ExitError",
          errorMessage:
            settled.code === 0
              ? `RequestId: ${requestId} Error: Runtime exited without providing a reason`
              : `RequestId: ${requestId} Error: Runtime exited with error: exit status ${settled.code}`,
        };
      case "fatal":
      case "init-error":
      case "error":
        return settled.error;
      default:
        return {
          errorType: "Runtime.Unknown",
          errorMessage: `RequestId: ${requestId} Error: Unknown application error occurred`,
        };
    }
  }

  #report(
    requestId: string,
    durationMs: number,
    initDurationMs: number | undefined,
    outcome: PhaseStatus | undefined,
  ): string {
    return reportLine({
      requestId,
      durationMs,
      memorySizeMB: this.#options.fn.memoryMB,
      maxMemoryUsedMB: Math.ceil(this.#maxMemoryBytes / MB),
      ...(initDurationMs === undefined ? {} : { initDurationMs }),
      ...(outcome ? { outcome } : {}),
    });
  }

  /** waits for the worker's next word, killing it when the limit passes first */
  #until(limitMs: number): Promise<Settled> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#kill({ kind: "timeout" }), limitMs);
      const poll = setInterval(() => void this.#measureMemory(), MEMORY_POLL_MS);
      this.#settle = (settled) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.#settle = undefined;
        resolve(settled);
      };
    });
  }

  #kill(reason: Settled): void {
    this.#alive = false;
    this.#settle?.(reason);
    void this.#worker?.terminate();
  }

  async #measureMemory(): Promise<void> {
    const worker = this.#worker;
    if (!worker || this.#polling) return;
    this.#polling = true;
    try {
      const heap = await worker.getHeapStatistics();
      this.#recordMemory(heap.total_heap_size + heap.external_memory);
    } catch {
      // the worker is not running (yet, or any more): nothing to measure
    } finally {
      this.#polling = false;
    }
  }

  #recordMemory(bytes: number): void {
    this.#lastMemoryBytes = bytes;
    this.#maxMemoryBytes = Math.max(this.#maxMemoryBytes, bytes);
    if (bytes > this.#options.fn.memoryMB * MB && this.#settle) this.#kill({ kind: "oom" });
  }

  #listen(worker: Worker): void {
    worker.on("message", (message: WorkerMessage) => {
      switch (message.type) {
        case "log":
          this.#write(message.line);
          return;
        case "ready":
          this.#recordMemory(message.memoryBytes);
          this.#settle?.({ kind: "ready" });
          return;
        case "result":
        case "error":
          this.#recordMemory(message.memoryBytes);
          this.#settle?.(
            message.type === "result"
              ? { kind: "result", payload: message.payload }
              : { kind: "error", error: message.error },
          );
          return;
        case "init-error":
        case "fatal":
          // the runtime is done for; it already logged why
          this.#alive = false;
          this.#settle?.({ kind: message.type, error: message.error });
          return;
      }
    });
    worker.on("error", (error: Error & { code?: string }) => {
      this.#alive = false;
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") this.#settle?.({ kind: "oom" });
      else
        this.#settle?.({
          kind: "fatal",
          error: { errorType: error.name, errorMessage: error.message, trace: error.stack?.split("\n") ?? [] },
        });
    });
    worker.on("exit", (code) => {
      this.#alive = false;
      this.#settle?.({ kind: "exit", code });
    });
    // what a handler writes to process.stdout/stderr directly reaches the log as raw lines, as on Lambda
    for (const stream of [worker.stdout, worker.stderr]) {
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) this.#write(line);
      });
      stream.on("end", () => rest && this.#write(rest));
    }
  }

  #write(line: string): void {
    this.#capture?.push(line);
    this.#options.log(this.logStream, line);
  }
}

function failureOf(error: ErrorPayload): { error: ErrorPayload; status: PhaseStatus } {
  return { error, status: { status: "error", errorType: error.errorType } };
}
