// The same HTTP workload against a peer emulator that runs here: Architect
// Sandbox (bench/package.json) serving bench/peer/, lab 00 as an Architect
// project (app.arc: @http get /health, post /orders, get /orders/:id; @tables
// orders) whose handlers are lab 00's, on the same AWS SDK. Sandbox starts a
// new Node process for every invocation: no warm reuse. Every port is on
// 127.0.0.1, and the AWS credentials it would look for are set to dummies.
//
//   node bench/peer-architect.ts      the peer alone
//   (npm run bench prints ours/peer from the same run)
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../course/lab-runner/actions.ts";
import { CONNECTIONS, DURATION_S, type HttpResult, orderLoad, postOne, sequential } from "./http.ts";
import {
  BENCH_DIR,
  BIN,
  benchTool,
  errorText,
  heading,
  missing,
  ms,
  percentile,
  perSecond,
  type Row,
} from "./stats.ts";

const PROJECT = path.join(BENCH_DIR, "peer");
const DRAIN_MS = 30_000;
/** POSTs one at a time after the load, for a latency that no queue inflates */
const ONE_AT_A_TIME = 10;

/** The processes Sandbox started for invocations (Linux: /proc lists each thread's children). */
function childPids(): number[] {
  const dir = `/proc/${process.pid}/task`;
  try {
    return fs.readdirSync(dir).flatMap((task) =>
      fs
        .readFileSync(path.join(dir, task, "children"), "utf8")
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

/**
 * Invocations the load generator gave up on still run when it stops; stopping Sandbox under
 * them makes its DynamoDB throw in this process. Wait for them, then end the stragglers.
 */
async function drain(): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  while (childPids().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of childPids()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

export async function measurePeer(): Promise<HttpResult> {
  const sandboxModule = await benchTool("@architect/sandbox");
  const sandbox = sandboxModule.default ?? sandboxModule;
  const saved = { ...process.env };
  const [httpPort, tablesPort, internalPort] = [await freePort(), await freePort(), await freePort()];
  Object.assign(process.env, {
    // Sandbox spawns `node` for each invocation: the project's Node 24, not the system's.
    PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`,
    ARC_TABLES_PORT: String(tablesPort),
    ARC_INTERNAL_PORT: String(internalPort),
    AWS_ACCESS_KEY_ID: "x",
    AWS_SECRET_ACCESS_KEY: "x",
    AWS_REGION: "us-east-1",
    ARC_ENV: "testing",
  });
  const started = performance.now();
  let running = false;
  try {
    await sandbox.start({ cwd: PROJECT, port: httpPort, host: "127.0.0.1", quiet: true, runtimeCheck: false });
    running = true;
    console.log(`Architect Sandbox ready in ${ms(performance.now() - started)} on 127.0.0.1:${httpPort}`);
    const base = `http://127.0.0.1:${httpPort}`;
    // No warm-up waves: Sandbox keeps no environment warm, every call starts a process.
    const result = await orderLoad("Architect Sandbox", base, { warmupWaves: 0 });
    await drain();
    const one = await sequential(ONE_AT_A_TIME, () => postOne(base), 1);
    const onePostMs = percentile(one, 50);
    console.log(`Architect Sandbox, one at a time: POST /orders p50 ${ms(onePostMs)} (${ONE_AT_A_TIME} requests)`);
    return { ...result, onePostMs };
  } finally {
    if (running) {
      await drain();
      await sandbox.end();
    }
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

export async function run(ours?: HttpResult): Promise<Row[]> {
  heading(`peer: Architect Sandbox, same workload (${CONNECTIONS} connections, ${DURATION_S} s)`);
  let peer: HttpResult;
  try {
    peer = await measurePeer();
  } catch (err) {
    console.log(`the peer could not run here: ${errorText(err)}`);
    return [missing("peer (Architect Sandbox) POST+GET 2xx/s", undefined, errorText(err).split("\n")[0] ?? "")];
  }
  const rows: Row[] = [
    { name: "peer (Architect Sandbox) POST+GET 2xx/s", value: perSecond(peer.perSecond) },
    { name: "peer (Architect Sandbox) p50 / p99", value: `${ms(peer.p50)} / ${ms(peer.p99)}` },
    { name: "peer, one at a time: POST /orders p50", value: ms(peer.onePostMs ?? Number.NaN) },
  ];
  if (ours && peer.perSecond === 0) {
    console.log(`ours/peer: no ratio, the peer answered no request with 2xx within the ${DURATION_S} s`);
    rows.push({
      name: "ours/peer requests/s (same run)",
      value: "n/a",
      note: "the peer answered no 2xx in the window",
    });
  } else if (ours) {
    const ratio = ours.perSecond / peer.perSecond;
    const latency = ours.p50 > 0 ? peer.p50 / ours.p50 : Number.NaN;
    console.log(
      `ours/peer: ${ratio.toFixed(1)}× the requests/s (${perSecond(ours.perSecond)} vs ${perSecond(peer.perSecond)}); p50 ${ms(ours.p50)} vs ${ms(peer.p50)}`,
    );
    rows.push({
      name: "ours/peer requests/s (same run)",
      value: `${ratio.toFixed(1)}×`,
      note: `p50 under load ${latency.toFixed(1)}× lower`,
    });
  }
  if (ours?.onePostMs && peer.onePostMs) {
    const faster = peer.onePostMs / ours.onePostMs;
    console.log(
      `one at a time, POST /orders p50: ${ms(ours.onePostMs)} vs ${ms(peer.onePostMs)} (${faster.toFixed(0)}× faster)`,
    );
    rows.push({ name: "peer/ours one POST p50 (same run)", value: `${faster.toFixed(0)}×` });
  }
  return rows;
}

if (import.meta.main) await run();
