// The Lambda service: runs the graph's functions from source in worker
// threads, for the Invoke API and for every service that invokes functions.
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { FunctionSpec } from "../../graph/model.ts";
import type { LogSink } from "../logs/store.ts";
import type { EdgeRequest, EdgeResponse, Service } from "../service.ts";
import { handleLambdaApi } from "./api.ts";
import { type BuildResult, buildFunction } from "./build.ts";
import { codeLocation, functionConfiguration, lastModifiedNow } from "./configuration.ts";
import { functionNotFound, invalidParameter, LambdaApiError } from "./errors.ts";
import { parseFunctionName } from "./function-name.ts";
import { FunctionPool } from "./function-pool.ts";
import type { InvokeOptions, InvokeResult, Invoker } from "./invoker.ts";
import type { InvocationOutcome, InvocationRequest } from "./sandbox.ts";

export interface LambdaServiceOptions {
  functions: FunctionSpec[];
  /** the project root handlers are relative to */
  root: string;
  /** where functions' SDK calls go (AWS_ENDPOINT_URL) */
  edgeUrl: string;
  logs: LogSink;
  /** waits between the attempts of an async invocation; AWS waits about 1 then 2 minutes */
  asyncRetryDelaysMs?: number[];
  /**
   * Environments one function may run at once before calls are throttled. AWS allows an account
   * 1,000 by default; each environment here is a worker thread, so the default is lower but well
   * above what a lab or a 16-connection load test needs.
   */
  maxConcurrencyPerFunction?: number;
  /** every log line a function writes */
  onLog?: (fn: FunctionSpec, line: string) => void;
}

const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
const ASYNC_PAYLOAD_LIMIT = 1024 * 1024;
/** the response limit Lambda quotes: 6 MB plus a little room for the envelope */
const RESPONSE_LIMIT = 6_291_556;
/** X-Amz-Log-Result carries the last 4 KB of the invocation's log */
const TAIL_BYTES = 4096;
const EMPTY = Buffer.alloc(0);

export class LambdaService implements Service, Invoker {
  readonly signingName = "lambda";
  readonly #root: string;
  readonly #edgeUrl: string;
  readonly #logs: LogSink;
  readonly #retryDelaysMs: number[];
  readonly #maxConcurrency: number;
  readonly #onLog: ((fn: FunctionSpec, line: string) => void) | undefined;
  #functions: FunctionSpec[] = [];
  readonly #lastModified = new Map<string, string>();
  readonly #pools = new Map<string, FunctionPool>();
  /** the current bundle of each function: built on first use, dropped when its code changes */
  readonly #builds = new Map<string, Promise<BuildResult>>();
  /** the latest build started per function, so an older build never overwrites a newer one */
  readonly #lastBuild = new Map<string, Promise<unknown>>();
  readonly #pendingEvents = new Set<Promise<void>>();
  readonly #retryWaits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  #closed = false;

  constructor(options: LambdaServiceOptions) {
    this.#root = options.root;
    this.#edgeUrl = options.edgeUrl;
    this.#logs = options.logs;
    this.#retryDelaysMs = options.asyncRetryDelaysMs ?? [60_000, 120_000];
    this.#maxConcurrency = options.maxConcurrencyPerFunction ?? 64;
    this.#onLog = options.onLog;
    this.update(options.functions);
  }

  /** The graph changed: functions that changed start fresh, removed ones stop. */
  update(functions: FunctionSpec[]): void {
    for (const fn of functions) {
      const previous = this.#functions.find((f) => f.name === fn.name);
      if (!previous || !isDeepStrictEqual(previous, fn)) this.#lastModified.set(fn.name, lastModifiedNow());
    }
    for (const name of this.#lastModified.keys()) {
      if (!functions.some((f) => f.name === name)) this.#lastModified.delete(name);
    }
    for (const [name, pool] of this.#pools) {
      const next = functions.find((f) => f.name === name);
      if (!next) {
        pool.dispose();
        this.#pools.delete(name);
      } else if (!isDeepStrictEqual(next, pool.fn)) {
        pool.reset(next);
      } else {
        continue;
      }
      this.#builds.delete(name);
    }
    this.#functions = functions;
  }

  /** Source files changed: every function is bundled again and starts cold on its next invocation. */
  invalidate(): void {
    this.#builds.clear();
    for (const pool of this.#pools.values()) pool.reset();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const wait of this.#retryWaits) {
      clearTimeout(wait.timer);
      wait.resolve();
    }
    for (const pool of this.#pools.values()) pool.close();
    this.#pools.clear();
    await this.idle();
  }

  /** resolves once every async (Event) invocation, with its retries, is done */
  async idle(): Promise<void> {
    while (this.#pendingEvents.size > 0) await Promise.all(this.#pendingEvents);
  }

  invoke(functionName: string, payload: Buffer | string, options: InvokeOptions = {}): Promise<InvokeResult> {
    return this.#invoke(functionName, Buffer.from(payload), options, randomUUID());
  }

  handle(request: EdgeRequest): Promise<EdgeResponse> {
    return handleLambdaApi(request, {
      invoke: (name, payload, options, requestId) => this.#invoke(name, payload, options, requestId),
      describe: (name) => {
        const fn = this.#find(name);
        return { Configuration: this.#configuration(fn), Code: codeLocation(fn, this.#root) };
      },
      list: () =>
        [...this.#functions]
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
          .map((fn) => this.#configuration(fn)),
    });
  }

  async #invoke(
    functionName: string,
    payload: Buffer,
    options: InvokeOptions,
    requestId: string,
  ): Promise<InvokeResult> {
    const fn = this.#find(functionName);
    const type = options.type ?? "RequestResponse";
    const limit = type === "Event" ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
    if (payload.length > limit) {
      throw new LambdaApiError(
        413,
        "RequestTooLargeException",
        `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
      );
    }
    const request: InvocationRequest = { requestId, event: eventOf(payload) };
    if (options.clientContext) request.clientContext = clientContextOf(options.clientContext);
    const accepted = { requestId, executedVersion: "$LATEST", payload: EMPTY };
    if (type === "DryRun") return { ...accepted, statusCode: 204 };
    if (type === "Event") {
      this.#runEvent(fn.name, request);
      return { ...accepted, statusCode: 202 };
    }
    const outcome = await this.#pool(fn).run(request, "throttle");
    return {
      statusCode: 200,
      requestId,
      executedVersion: "$LATEST",
      ...responseOf(outcome),
      ...(options.logType === "Tail" ? { logResult: tailOf(outcome.logLines) } : {}),
    };
  }

  /** Lambda queues the event, runs it, and on a function error tries twice more before giving up. */
  #runEvent(name: string, request: InvocationRequest): void {
    const attempts = async () => {
      for (let attempt = 0; ; attempt++) {
        const fn = this.#functions.find((f) => f.name === name);
        if (!fn || this.#closed) return;
        const outcome = await this.#pool(fn).run(request, "wait");
        const delay = this.#retryDelaysMs[attempt];
        if (!outcome.functionError || delay === undefined) return;
        await this.#wait(delay);
      }
    };
    const pending: Promise<void> = attempts()
      .catch((err: unknown) => {
        // the function was removed or the cloud closed while the event waited: it is dropped, as a deleted function's would be
        if (!(err instanceof LambdaApiError)) throw err;
      })
      .finally(() => this.#pendingEvents.delete(pending));
    this.#pendingEvents.add(pending);
  }

  #wait(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wait = {
        timer: setTimeout(() => {
          this.#retryWaits.delete(wait);
          resolve();
        }, ms),
        resolve,
      };
      this.#retryWaits.add(wait);
    });
  }

  #find(functionName: string): FunctionSpec {
    const reference = parseFunctionName(functionName);
    if (!reference)
      throw invalidParameter(
        `1 validation error detected: Value '${functionName}' at 'functionName' failed to satisfy constraint`,
      );
    const fn = this.#functions.find((f) => f.name === reference.name);
    if (!fn || (reference.qualifier && reference.qualifier !== "$LATEST"))
      throw functionNotFound(reference.name, reference.qualifier);
    return fn;
  }

  #pool(fn: FunctionSpec): FunctionPool {
    let pool = this.#pools.get(fn.name);
    if (!pool) {
      pool = new FunctionPool({
        fn,
        maxConcurrency: this.#maxConcurrency,
        edgeUrl: this.#edgeUrl,
        build: (current) => this.#build(current),
        log: (current, stream, line) => {
          this.#logs.write(current.logGroup, stream, line);
          this.#onLog?.(current, line);
        },
      });
      this.#pools.set(fn.name, pool);
    }
    return pool;
  }

  #build(fn: FunctionSpec): Promise<BuildResult> {
    let build = this.#builds.get(fn.name);
    if (!build) {
      const current = (this.#lastBuild.get(fn.name) ?? Promise.resolve()).then(() => buildFunction(fn, this.#root));
      // a failed build is not kept: the next invocation tries again, with whatever the learner fixed
      current.then(
        (result) => !result.ok && this.#forgetBuild(fn.name, current),
        () => this.#forgetBuild(fn.name, current),
      );
      this.#builds.set(fn.name, current);
      this.#lastBuild.set(
        fn.name,
        current.catch(() => {}),
      );
      build = current;
    }
    return build;
  }

  #forgetBuild(name: string, build: Promise<BuildResult>): void {
    if (this.#builds.get(name) === build) this.#builds.delete(name);
  }

  #configuration(fn: FunctionSpec): Record<string, unknown> {
    return functionConfiguration(fn, this.#root, this.#lastModified.get(fn.name) ?? lastModifiedNow());
  }
}

/** the event as the function receives it: Lambda takes an empty payload as {} and refuses anything but JSON */
function eventOf(payload: Buffer): string {
  const text = payload.toString("utf8");
  if (text.trim() === "") return "{}";
  try {
    JSON.parse(text);
  } catch (err) {
    throw new LambdaApiError(
      400,
      "InvalidRequestContentException",
      `Could not parse request body into json: Could not parse payload into json: ${(err as Error).message}`,
    );
  }
  return text;
}

function clientContextOf(base64: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64, "base64").toString("utf8"));
  } catch {
    throw invalidParameter("Client context must be a valid Base64-encoded JSON object.");
  }
}

function responseOf(outcome: InvocationOutcome): Pick<InvokeResult, "payload" | "functionError"> {
  const payload = Buffer.from(outcome.payload);
  if (payload.length > RESPONSE_LIMIT) {
    const error = {
      errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_LIMIT} bytes).`,
      errorType: "Function.ResponseSizeTooLarge",
    };
    return { payload: Buffer.from(JSON.stringify(error)), functionError: "Unhandled" };
  }
  return outcome.functionError ? { payload, functionError: outcome.functionError } : { payload };
}

function tailOf(lines: string[]): string {
  const log = Buffer.from(lines.map((line) => `${line}\n`).join(""));
  return log.subarray(Math.max(0, log.length - TAIL_BYTES)).toString("base64");
}
