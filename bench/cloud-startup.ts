// `course up` to `ready`: what a learner waits for after typing the command.
// The real CLI is spawned (Node boot, imports, graph, services, edge) and timed
// until it prints its `ready` line; SIGTERM stops it.
//   cold: .sst/local/graph-cache deleted first, so SST's app is evaluated again
//   warm: cache kept, same --port
//   new port: cache kept, another --port (the cache must not depend on it)
// Targets: ready ≤ 4 s cold, ≤ 2 s warm (median of 3).
//
//   node bench/cloud-startup.ts
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { readRunning } from "../course/cloud/registry.ts";
import { freePort } from "../course/lab-runner/actions.ts";
import { BIN, errorText, heading, median, missing, ROOT, type Row, seconds } from "./stats.ts";

export const LAB = "00-first-function";
const READY_TIMEOUT_MS = 90_000;
const WARM_RUNS = 3;
/** how long to wait for another cloud of this checkout (only one runs at a time) to stop */
const BUSY_WAIT_MS = 120_000;

export interface CourseUp {
  /** spawn to the `ready` line */
  readyMs: number;
  /** what the process itself reported: startLocalCloud's own time */
  cloudMs: number;
  /** spawn to the first line (`course: evaluating …`): Node boot and the CLI's imports */
  firstLineMs: number;
  cachedGraph: boolean;
  endpoint: string;
  outputs: Record<string, unknown>;
  /** the `course up` process */
  pid: number | undefined;
  stop(): Promise<void>;
}

let sharedPort: number | undefined;
/** One port for every cloud the benchmarks start, so the graph cache keeps hitting. */
export async function cloudPort(): Promise<number> {
  sharedPort ??= await freePort();
  return sharedPort;
}

/**
 * Spawn `course up 00-first-function --from solutions --no-watch` and wait for `ready`.
 * One cloud runs per checkout: while another one runs (a test, a learner), wait for it.
 */
export async function courseUp(port: number): Promise<CourseUp> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (;;) {
    await waitForNoCloud(deadline);
    try {
      return await spawnCourseUp(port);
    } catch (err) {
      if (!/is already running/.test(errorText(err)) || Date.now() > deadline) throw err;
    }
  }
}

async function waitForNoCloud(deadline: number): Promise<void> {
  let told = false;
  for (let running = readRunning(); running; running = readRunning()) {
    if (Date.now() > deadline) {
      throw new Error(`lab ${running.lab} (pid ${running.pid}) kept running for ${BUSY_WAIT_MS / 1000} s`);
    }
    if (!told) console.log(`(waiting: lab ${running.lab} from ${running.from} runs in pid ${running.pid})`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function spawnCourseUp(port: number): Promise<CourseUp> {
  const started = performance.now();
  const child = spawn(
    path.join(BIN, "course"),
    ["up", LAB, "--from", "solutions", "--port", String(port), "--no-watch"],
    { cwd: ROOT, env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}` } },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    }
  };
  return new Promise((resolve, reject) => {
    let output = "";
    let buffered = "";
    let firstLineMs: number | undefined;
    let cloudMs = Number.NaN;
    let cachedGraph = false;
    const outputs: Record<string, unknown> = {};
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`no \`ready\` line within ${READY_TIMEOUT_MS / 1000} s:\n${output.trim()}`));
    }, READY_TIMEOUT_MS);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.stdout.on("data", (chunk: Buffer) => {
      const now = performance.now();
      output += chunk;
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        firstLineMs ??= now - started;
        const info = /\((graph from cache|graph evaluated), (\d+) ms\)/.exec(line);
        if (info) {
          cachedGraph = info[1] === "graph from cache";
          cloudMs = Number(info[2]);
        }
        const out = /^course: output (\w+) = (.*)$/.exec(line);
        if (out) outputs[out[1] as string] = JSON.parse(out[2] as string);
        const ready = /^ready (\S+)/.exec(line);
        if (ready) {
          clearTimeout(timer);
          resolve({
            readyMs: now - started,
            cloudMs,
            firstLineMs,
            cachedGraph,
            endpoint: ready[1] as string,
            outputs,
            pid: child.pid,
            stop,
          });
        }
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`\`course up\` ended (${signal ?? `code ${code}`}) before \`ready\`:\n${output.trim()}`));
    });
  });
}

async function timedRun(port: number, label: string): Promise<CourseUp> {
  const up = await courseUp(port);
  await up.stop();
  console.log(
    `${label.padEnd(9)} ready ${seconds(up.readyMs)}  (first line ${seconds(up.firstLineMs)}, cloud start ${seconds(up.cloudMs)}, ${up.cachedGraph ? "graph from cache" : "graph evaluated"})`,
  );
  return up;
}

export async function run(): Promise<Row[]> {
  heading("course up → ready (lab 00, solutions, --no-watch)");
  const port = await cloudPort();
  const rows: Row[] = [];
  try {
    fs.rmSync(path.join(ROOT, ".sst", "local", "graph-cache"), { recursive: true, force: true });
    const cold = await timedRun(port, "cold");
    const warm: number[] = [];
    let warmMisses = 0;
    for (let i = 1; i <= WARM_RUNS; i++) {
      const run = await timedRun(port, `warm ${i}`);
      warm.push(run.readyMs);
      if (!run.cachedGraph) warmMisses++;
    }
    const otherPort = await timedRun(await freePort(), "new port");
    const warmMedian = median(warm);
    console.log(`cold ${seconds(cold.readyMs)}, warm median of ${WARM_RUNS} ${seconds(warmMedian)}`);
    rows.push(
      { name: "course up → ready, cold", value: seconds(cold.readyMs), target: "≤ 4 s", ok: cold.readyMs <= 4000 },
      {
        name: `course up → ready, warm (median of ${WARM_RUNS})`,
        value: seconds(warmMedian),
        target: "≤ 2 s",
        ok: warmMedian <= 2000,
        ...(warmMisses > 0 ? { note: `${warmMisses} of them evaluated the graph: an input changed meanwhile?` } : {}),
      },
      {
        name: "course up → ready, cache kept, new --port",
        value: seconds(otherPort.readyMs),
        note: otherPort.cachedGraph ? "graph from cache" : "graph evaluated again: the cache depends on the port",
      },
    );
  } catch (err) {
    console.log(`could not measure: ${errorText(err)}`);
    rows.push(missing("course up → ready", "≤ 4 s cold, ≤ 2 s warm", errorText(err).split("\n")[0] ?? ""));
  }
  return rows;
}

if (import.meta.main) await run();
