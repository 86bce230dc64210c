// The execution environments of one function: one per concurrent invocation,
// kept warm for the next, up to the function's concurrency limit.
import type { FunctionSpec } from "../../graph/model.ts";
import type { BuildResult } from "./build.ts";
import { functionNotFound, LambdaApiError } from "./errors.ts";
import { type InvocationOutcome, type InvocationRequest, Sandbox } from "./sandbox.ts";

export interface FunctionPoolOptions {
  fn: FunctionSpec;
  maxConcurrency: number;
  build(fn: FunctionSpec): Promise<BuildResult>;
  edgeUrl: string;
  /** one line for the log group of fn, in the given stream */
  log(fn: FunctionSpec, stream: string, line: string): void;
}

/** what to do when every environment is busy: answer 429 (synchronous calls) or wait (async events) */
export type WhenBusy = "throttle" | "wait";

export class FunctionPool {
  #options: FunctionPoolOptions;
  readonly #idle: Sandbox[] = [];
  readonly #busy = new Set<Sandbox>();
  /** environments of an older version of the function, stopped when their invocation ends */
  readonly #retired = new WeakSet<Sandbox>();
  readonly #waiting: Array<() => void> = [];
  #disposed = false;

  constructor(options: FunctionPoolOptions) {
    this.#options = options;
  }

  get fn(): FunctionSpec {
    return this.#options.fn;
  }

  async run(request: InvocationRequest, whenBusy: WhenBusy): Promise<InvocationOutcome> {
    const sandbox = await this.#acquire(whenBusy);
    try {
      return await sandbox.invoke(request);
    } finally {
      this.#release(sandbox);
    }
  }

  /** the code or the configuration changed: every later invocation starts a new environment */
  reset(fn: FunctionSpec = this.#options.fn): void {
    this.#options = { ...this.#options, fn };
    for (const sandbox of this.#idle.splice(0)) sandbox.dispose();
    for (const sandbox of this.#busy) this.#retired.add(sandbox);
  }

  /** the function is gone: stops idle environments now, busy ones when their invocation ends */
  dispose(): void {
    this.#disposed = true;
    this.reset();
    for (const wake of this.#waiting.splice(0)) wake();
  }

  /** the cloud stops: every environment ends now, busy or not */
  close(): void {
    this.dispose();
    for (const sandbox of this.#busy) sandbox.dispose();
  }

  async #acquire(whenBusy: WhenBusy): Promise<Sandbox> {
    for (;;) {
      if (this.#disposed) throw functionNotFound(this.#options.fn.name);
      // the most recently used environment first, as Lambda keeps the warmest ones busy
      let warm = this.#idle.pop();
      while (warm && !warm.alive) warm = this.#idle.pop();
      const sandbox = warm ?? (this.#busy.size < this.#options.maxConcurrency ? this.#create() : undefined);
      if (sandbox) {
        this.#busy.add(sandbox);
        return sandbox;
      }
      if (whenBusy === "throttle") throw new LambdaApiError(429, "TooManyRequestsException", "Rate Exceeded.");
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  #create(): Sandbox {
    const { fn, build, edgeUrl, log } = this.#options;
    return new Sandbox({ fn, edgeUrl, build: () => build(fn), log: (stream, line) => log(fn, stream, line) });
  }

  #release(sandbox: Sandbox): void {
    this.#busy.delete(sandbox);
    if (sandbox.alive && !this.#disposed && !this.#retired.has(sandbox)) this.#idle.push(sandbox);
    else sandbox.dispose();
    this.#waiting.shift()?.();
  }
}
