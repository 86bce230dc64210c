// Runs inside the bundled sst.config program (a child process): sets Pulumi's
// mocks, answers SST's JSON-RPC calls, runs the app and prints the graph.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { REGION } from "../aws/identity.ts";
import { extractGraph, type RecordedBuild } from "./extract.ts";
import { createMocks, type RecordedResource } from "./mocks.ts";

export interface ChildOptions {
  root: string;
  stage: string;
  edgeUrl: string;
  workDir: string;
  platformDir: string;
  resultFile: string;
}

interface SstConfig {
  app(input: { stage: string }): {
    name: string;
    removal?: string;
    protect?: boolean;
    providers?: Record<string, unknown>;
  };
  run(): Promise<Record<string, unknown> | undefined>;
}

type Run = (program: () => Promise<any>) => Promise<Record<string, unknown>>;

/**
 * Loaded lazily, in this order: SST's components read `$app` when their modules
 * first run, so the app config must be known before the platform loads.
 */
export interface Loaders {
  config(): Promise<{ default: SstConfig }>;
  platform(): Promise<{ run: Run; globals: Record<string, unknown> }>;
}

const QUIET_MS = 50;
const LIMIT_MS = 30_000;
const STALL_MS = 20_000;

export async function evaluate(load: Loaders): Promise<void> {
  const options = JSON.parse(process.env.COURSE_EVAL ?? "{}") as ChildOptions;
  const give = (result: unknown) => fs.writeFileSync(options.resultFile, JSON.stringify(result));
  // SST's errors surface as rejections inside applies, which Pulumi under mocks re-reports without
  // end and the stack never settles: the first one is the answer, so write it and leave at once.
  const fail = (err: unknown) => {
    give({ error: err instanceof Error ? err.message : String(err) });
    process.exit(0);
  };
  process.on("unhandledRejection", fail);
  process.on("uncaughtException", fail);
  // If `course up` is killed mid-evaluation, do not linger as an orphan.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(1), 1000).unref();

  makeRandomnessDeterministic();
  const builds: RecordedBuild[] = [];
  const server = await startRpcServer(options, builds);
  try {
    const config = (await load.config()).default;
    const appConfig = config.app({ stage: options.stage });
    const app = {
      ...appConfig,
      stage: options.stage,
      removal: appConfig.removal ?? "retain",
      providers: appConfig.providers ?? {},
    };
    Object.assign(globalThis, {
      __course_app: app,
      __course_cli: {
        command: "deploy",
        dev: false,
        paths: { home: options.workDir, root: options.root, work: options.workDir, platform: options.platformDir },
        state: { version: {} },
      },
    });
    const { run, globals } = await load.platform();
    Object.assign(globalThis, globals);
    const recorded: RecordedResource[] = [];
    const resourceOptions = new Map<string, pulumi.CustomResourceOptions>();
    pulumi.runtime.setMocks(createMocks(options.edgeUrl, recorded), app.name, options.stage, false);
    // Registered after SST's own transformations (its `removal` among them) and before the app's.
    const program = () => {
      recordResourceOptions(resourceOptions);
      return config.run();
    };
    const stack = pulumi.runtime.runInPulumiStack(() => run(program));
    const outputs = (await Promise.race([stack, stalled(recorded)])) as Record<string, unknown>;
    delete outputs._protect;
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    await settle(recorded);
    for (const r of recorded) {
      const opts = resourceOptions.get(`${r.type}::${r.name}`);
      r.options = { retainOnDelete: Boolean(opts?.retainOnDelete), protect: Boolean(opts?.protect) };
    }
    give({
      graph: extractGraph({ name: app.name, stage: options.stage }, recorded, builds, outputs),
      resources: recorded,
      app: {
        name: app.name,
        stage: options.stage,
        removal: app.removal,
        protect: Boolean(app.protect),
        providers: app.providers,
      },
    });
  } catch (err) {
    give({ error: err instanceof Error ? err.message : String(err) });
  } finally {
    server.close();
    // Pulumi may still hold timers and promises after a failure: the result is written, so leave.
    process.exit(0);
  }
}

/**
 * What `removal` and `protect` did to each resource: Pulumi's mocks never see resource options. The options
 * object is kept and read once the stack settled, so transformations registered later (the app's) count too.
 */
function recordResourceOptions(into: Map<string, pulumi.CustomResourceOptions>): void {
  pulumi.runtime.registerStackTransformation((args) => {
    into.set(`${args.type}::${args.name}`, args.opts);
    return undefined;
  });
}

/** SST registers some resources inside `apply`: wait until registrations stop. */
async function settle(recorded: RecordedResource[]): Promise<void> {
  const started = Date.now();
  let seen = -1;
  while (seen !== recorded.length) {
    if (Date.now() - started > LIMIT_MS) throw new Error("the app kept creating resources for 30 s");
    seen = recorded.length;
    await new Promise((r) => setTimeout(r, QUIET_MS));
  }
}

/** A stack that registers nothing new for a while will not finish: say so instead of hanging. */
async function stalled(recorded: RecordedResource[]): Promise<never> {
  let seen = -1;
  while (seen !== recorded.length) {
    seen = recorded.length;
    await new Promise((r) => setTimeout(r, STALL_MS));
  }
  throw new Error(
    `the SST app stopped making progress after ${recorded.length} resources; the last was ${recorded.at(-1)?.type ?? "none"} "${recorded.at(-1)?.name ?? ""}"`,
  );
}

/** SST suffixes physical names with random bytes; a seeded stream keeps names stable. */
function makeRandomnessDeterministic(): void {
  let counter = 0;
  const seeded = (size: number) => {
    const out = Buffer.alloc(size);
    for (let offset = 0; offset < size; offset += 32) {
      crypto.createHash("sha256").update(`course-${counter++}`).digest().copy(out, offset);
    }
    return out;
  };
  (crypto as unknown as { randomBytes: (n: number) => Buffer }).randomBytes = seeded;
}

/** The JSON-RPC server SST's components call (SST_SERVER) during a deploy. */
function startRpcServer(options: ChildOptions, builds: RecordedBuild[]): Promise<http.Server> {
  const emptyBundle = path.join(options.workDir, "empty-bundle");
  fs.mkdirSync(emptyBundle, { recursive: true });
  const methods: Record<string, (args: any) => unknown> = {
    "Provider.Aws.Bootstrap": () => ({
      asset: "course-local-assets",
      assetEcrRegistryId: "",
      assetEcrUrl: "",
      state: "course-local-state",
      appsyncHttp: "",
      appsyncRealtime: "",
      region: REGION,
    }),
    "Runtime.Build": (input: RecordedBuild & { handler: string }) => {
      const missing = missingHandlerFile(options.root, input.handler);
      builds.push({
        functionID: input.functionID,
        handler: input.handler,
        runtime: input.runtime,
        links: input.links ?? {},
      });
      return { handler: input.handler, out: emptyBundle, sourcemaps: [], errors: missing ? [missing] : [] };
    },
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const { method, params } = JSON.parse(body) as { method: string; params: unknown[] };
      const fn = methods[method];
      res.setHeader("content-type", "application/json");
      if (!fn) return res.end(JSON.stringify({ error: `rpc: can't find method ${method}` }));
      try {
        res.end(JSON.stringify({ result: fn(params[0]) }));
      } catch (err) {
        res.end(JSON.stringify({ error: String(err) }));
      }
    });
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      process.env.SST_SERVER = `http://127.0.0.1:${port}`;
      ok(server);
    }),
  );
}

const HANDLER_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".jsx"];

/** Same rule as SST's Node build: "<file>.<export>" must name a source file. */
function missingHandlerFile(root: string, handler: string): string | undefined {
  const file = handler.slice(0, handler.lastIndexOf("."));
  if (HANDLER_EXTENSIONS.some((ext) => fs.existsSync(path.join(root, file + ext)))) return undefined;
  return `Could not find file for handler "${handler}"`;
}
