// Evaluate sst.config.ts with SST's own components under Pulumi mocks, the way
// `sst deploy` builds it (esbuild, the platform's run shim, $app/$cli defined),
// in a child process so Pulumi's global state never leaks between runs.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CONFIG_FILE, ensureDir, LOCAL_DIR, PLATFORM_DIR, ROOT } from "../paths.ts";
import type { ChildOptions } from "./child.ts";
import type { RecordedResource } from "./mocks.ts";
import type { CloudGraph } from "./model.ts";
import { selectedLabModule } from "./selected-lab.ts";

export interface EvaluateOptions {
  lab: string;
  from: "labs" | "solutions";
  stage: string;
  edgeUrl: string;
  /**
   * The folder under labs/ or solutions/ to load, when it is not the lab's own:
   * how the course's tests serve a planted mistake from a throwaway copy.
   */
  folder?: string;
  /** another sst.config.ts to evaluate instead of the project's (tests plant a changed config this way) */
  configFile?: string;
}

/** What the app's `app()` returned for this stage, as `sst deploy` would apply it. */
export interface AppSettings {
  name: string;
  stage: string;
  removal: string;
  protect: boolean;
  providers: Record<string, unknown>;
}

export interface Evaluation {
  graph: CloudGraph;
  /** every resource the app registered, components included, with its inputs, mocked state and options */
  resources?: RecordedResource[];
  app?: AppSettings;
  /** true when an unchanged app was served from the cache */
  cached: boolean;
  /** source files the graph depends on: a change to one means evaluate again */
  inputs: string[];
}

export class GraphError extends Error {}

const CHILD_TIMEOUT_MS = 60_000;
/**
 * The graph is evaluated with this stand-in for the edge's URL and cached that
 * way, so a lab served on another port starts warm; the real URL goes in on return.
 */
const EDGE_PLACEHOLDER = "http://course-edge.invalid";

interface CacheRecord {
  key: string;
  inputs: string[];
  digest: string;
  graph: CloudGraph;
  resources?: RecordedResource[];
  app?: AppSettings;
}

interface ChildResult {
  graph: CloudGraph;
  resources?: RecordedResource[];
  app?: AppSettings;
}

export async function evaluateApp(options: EvaluateOptions): Promise<Evaluation> {
  if (!fs.existsSync(path.join(PLATFORM_DIR, "src"))) {
    throw new GraphError("SST's platform is not installed. Run `npm install` (it runs `sst install`), then try again.");
  }
  const key = cacheKey(options);
  const cacheFile = path.join(ensureDir(path.join(LOCAL_DIR, "graph-cache")), `${key}.json`);
  const cached = readCache(cacheFile);
  if (cached?.resources && cached.digest === digestFiles(cached.inputs)) {
    const { graph, resources, app } = withEdge(
      { graph: cached.graph, resources: cached.resources, app: cached.app },
      options.edgeUrl,
    );
    return { graph, resources, app, cached: true, inputs: cached.inputs };
  }
  removeStaleBundles();
  const { bundle, inputs } = await bundleConfig(options.configFile ?? CONFIG_FILE, options);
  const result = await runChild(bundle, { ...options, edgeUrl: EDGE_PLACEHOLDER });
  if (!process.env.COURSE_KEEP_BUNDLE) fs.rmSync(bundle, { force: true });
  fs.writeFileSync(
    cacheFile,
    JSON.stringify({ key, inputs, digest: digestFiles(inputs), ...result } satisfies CacheRecord),
  );
  return { ...withEdge(result, options.edgeUrl), cached: false, inputs };
}

function withEdge(result: ChildResult, edgeUrl: string): ChildResult {
  return JSON.parse(JSON.stringify(result).replaceAll(EDGE_PLACEHOLDER, edgeUrl)) as ChildResult;
}

function cacheKey(options: EvaluateOptions): string {
  const platformVersion = fs.readFileSync(path.join(PLATFORM_DIR, "version"), "utf8");
  return crypto
    .createHash("sha256")
    .update(JSON.stringify({ ...options, edgeUrl: undefined, platformVersion }))
    .digest("hex")
    .slice(0, 16);
}

function readCache(file: string): CacheRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as CacheRecord;
  } catch {
    return undefined;
  }
}

function digestFiles(files: string[]): string {
  const hash = crypto.createHash("sha256");
  for (const file of files) {
    hash.update(file);
    try {
      hash.update(fs.readFileSync(file));
    } catch {
      hash.update("<missing>");
    }
  }
  return hash.digest("hex");
}

/** Bundles left behind by an evaluation that was killed (Ctrl-C during `up`): their pid is gone. */
function removeStaleBundles(): void {
  for (const file of fs.readdirSync(PLATFORM_DIR)) {
    const pid = Number(/^course\.config\.(\d+)\./.exec(file)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      fs.rmSync(path.join(PLATFORM_DIR, file), { force: true });
    }
  }
}

/** esbuild namespace of the in-memory selected-lab module */
const SELECTED_LAB = "course-selected-lab";

async function bundleConfig(
  configFile: string,
  options: EvaluateOptions,
): Promise<{ bundle: string; inputs: string[] }> {
  const folder = options.folder ?? options.lab;
  const infraFile = path.join(ROOT, options.from, folder, "infra.ts");
  const outfile = path.join(PLATFORM_DIR, `course.config.${process.pid}.${Date.now()}.mjs`);
  // Dynamic imports keep each module's top level lazy (see Loaders in child.ts).
  const entry = `
    import { evaluate } from ${JSON.stringify(path.join(ROOT, "course/graph/child.ts"))};
    globalThis.__course_config = (config) => config;
    await evaluate({
      config: () => import(${JSON.stringify(configFile)}),
      platform: async () => ({
        run: (await import(${JSON.stringify(path.join(PLATFORM_DIR, "src/auto/run.ts"))})).run,
        globals: {
          aws: await import("@pulumi/aws"),
          random: await import("@pulumi/random"),
          sst: await import(${JSON.stringify(path.join(PLATFORM_DIR, "src/components"))}),
        },
      }),
    });
  `;
  // Loaded on first use: `course --help` and friends should start fast.
  const { build } = await import("esbuild");
  try {
    const result = await build({
      stdin: { contents: entry, resolveDir: ROOT, sourcefile: "course-eval.ts", loader: "ts" },
      outfile,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node24",
      mainFields: ["module", "main"],
      // Packages load from node_modules at run time, as `sst deploy` leaves @pulumi/* and @aws-sdk/*: bundling
      // only the platform's sources and the app keeps the bundle small and the evaluation fast.
      packages: "external",
      inject: [path.join(PLATFORM_DIR, "src/shim/run.js")],
      define: {
        $app: "globalThis.__course_app",
        $cli: "globalThis.__course_cli",
        $dev: "false",
        $config: "globalThis.__course_config",
      },
      banner: {
        js: 'import { createRequire as __courseRequire } from "node:module"; const require = __courseRequire(import.meta.url);',
      },
      // infra/load-lab.ts imports the selected lab: this lab only, never the file `course deploy` writes.
      plugins: [
        {
          name: SELECTED_LAB,
          setup(build) {
            build.onResolve({ filter: /\/\.sst\/course\/selected-lab$/ }, () => ({
              path: folder,
              namespace: SELECTED_LAB,
            }));
            build.onLoad({ filter: /.*/, namespace: SELECTED_LAB }, () => ({
              contents: selectedLabModule(folder, options.from, infraFile),
              resolveDir: ROOT,
              loader: "ts",
            }));
          },
        },
      ],
      metafile: true,
      logLevel: "silent",
      // No source maps: parsing them was a third of a cold evaluation, and SST reports errors by message.
      sourcemap: false,
    });
    const inputs = Object.keys(result.metafile.inputs)
      .filter((file) => !file.startsWith("<") && !file.startsWith(`${SELECTED_LAB}:`) && !file.includes("node_modules"))
      .map((file) => path.resolve(ROOT, file))
      .filter((file) => !file.startsWith(PLATFORM_DIR))
      .sort();
    return { bundle: outfile, inputs };
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors ?? [];
    const first = errors[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : "";
    throw new GraphError(`sst.config.ts or a lab's infra.ts does not build: ${first?.text ?? String(err)}${where}`);
  }
}

function runChild(bundle: string, options: EvaluateOptions): Promise<ChildResult> {
  const workDir = ensureDir(path.join(LOCAL_DIR, "work"));
  const resultFile = path.join(workDir, `graph.${process.pid}.${Date.now()}.json`);
  const childOptions: ChildOptions = {
    root: ROOT,
    stage: options.stage,
    edgeUrl: options.edgeUrl,
    workDir,
    platformDir: PLATFORM_DIR,
    resultFile,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--no-deprecation", "--no-warnings", bundle], {
      cwd: ROOT,
      env: {
        ...process.env,
        COURSE_EVAL: JSON.stringify(childOptions),
        COURSE_LAB: options.folder ?? options.lab,
        COURSE_FROM: options.from,
        SST_STAGE: options.stage,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        AWS_EC2_METADATA_DISABLED: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      let result: Partial<ChildResult> & { error?: string } = {};
      try {
        result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
        fs.rmSync(resultFile);
      } catch {
        const reason = code === null ? `timed out after ${CHILD_TIMEOUT_MS / 1000} s` : `exited with code ${code}`;
        return reject(new GraphError(`evaluating the SST app ${reason}.\n${output.trim()}`));
      }
      if (result.graph) resolve({ graph: result.graph, resources: result.resources, app: result.app });
      else reject(new GraphError(cleanError(result.error ?? "unknown error")));
    });
  });
}

/** Keep the learner's part of an SST error: the message, not Pulumi's internals. */
function cleanError(message: string): string {
  return message
    .split("\n")
    .filter((line) => !line.includes("/.sst/platform/node_modules/"))
    .join("\n")
    .trim();
}
