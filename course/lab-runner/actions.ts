// What a learner can do with a lab. The `course` command and the companion
// API both call these; neither has a copy of its own.
import net from "node:net";
import { REGION } from "../aws/identity.ts";
import type { CheckReport, StepResult } from "../checker/report.ts";
import { runChecker } from "../checker/run.ts";
import type { CheckTarget } from "../checker/target.ts";
import { type LocalCloud, startLocalCloud } from "../cloud/local-cloud.ts";
import { clearRunning, type RunningCloud, readRunning, recordRunning } from "../cloud/registry.ts";
import { CourseError } from "../errors.ts";
import { GraphError } from "../graph/evaluate.ts";
import { labProgress, recordCheck } from "../progress.ts";
import { loadCatalog, loadManifest } from "./catalog.ts";

export { DEFAULT_PORT } from "../cloud/defaults.ts";
export type Source = "labs" | "solutions";

export interface UpOptions {
  lab: string;
  from: Source;
  port: number;
  onLog?(line: string): void;
  watch?: boolean;
  /** serve this folder of labs/ or solutions/ instead of the lab's own (tests) */
  folder?: string;
}

export async function upLab(options: UpOptions): Promise<LocalCloud> {
  const manifest = await loadManifest(options.lab);
  if (manifest.status !== "ready") {
    throw new CourseError(
      `Lab ${options.lab} is planned, not built yet. Run \`npx course list\` to see the labs you can start.`,
    );
  }
  const running = readRunning();
  if (running) {
    throw new CourseError(
      `Lab ${running.lab} (${running.from}) is already running at ${running.endpoint} (pid ${running.pid}). Stop it with \`npx course down\`, then run this again.`,
    );
  }
  if (!(await portFree(options.port))) {
    throw new CourseError(
      `Port ${options.port} on 127.0.0.1 is taken by another program (LocalStack uses 4566 too). Stop it, or run \`npx course up ${options.lab} --port ${options.port + 1}\`.`,
    );
  }
  const cloud = await startLocalCloud({ ...options }).catch((err: Error) => {
    if (!(err instanceof GraphError)) throw err;
    throw new CourseError(
      `${options.from}/${options.folder ?? options.lab}/infra.ts has a problem, so nothing was started:\n  ${err.message.replaceAll("\n", "\n  ")}\nFix it, then run \`npx course up ${options.lab}\` again.`,
    );
  });
  recordRunning({
    pid: process.pid,
    lab: options.lab,
    from: options.from,
    endpoint: cloud.endpoint,
    port: options.port,
    outputsFile: cloud.outputsFile,
    startedAt: new Date().toISOString(),
  });
  const close = cloud.close;
  return {
    ...cloud,
    async close() {
      clearRunning(process.pid);
      await close();
    },
  };
}

/** Stop the running cloud, whichever process holds it. */
export async function downLab(inProcess?: LocalCloud): Promise<RunningCloud | undefined> {
  const running = readRunning();
  if (!running) return undefined;
  if (running.pid === process.pid) {
    await inProcess?.close();
    return running;
  }
  process.kill(running.pid, "SIGTERM");
  for (let i = 0; i < 100 && readRunning(); i++) await new Promise((r) => setTimeout(r, 50));
  return running;
}

export interface CheckOptions {
  onStep?(step: StepResult): void;
}

/** Judge the running lab; refuse, naming the next command, when it is not the one asked for. */
export async function checkRunningLab(lab: string, options: CheckOptions = {}): Promise<CheckReport> {
  await loadManifest(lab);
  const running = readRunning();
  if (!running) {
    throw new CourseError(
      `Nothing is running. Start the lab with \`npx course up ${lab}\`, then run \`npx course check ${lab}\` again.`,
    );
  }
  if (running.lab !== lab) {
    throw new CourseError(
      `Lab ${running.lab} is running, not ${lab}. Run \`npx course down\`, then \`npx course up ${lab}\`, then check again.`,
    );
  }
  return judgeLab(
    {
      kind: "local",
      lab,
      outputsFile: running.outputsFile,
      endpoint: running.endpoint,
      region: REGION,
      stage: "local",
      app: `course-${lab}`,
      sources: `${running.from}/${lab}`,
    },
    options,
  );
}

/** Run the lab's checker against a target, with the learner's unlocked hints, and record the steps passed. */
export async function judgeLab(target: CheckTarget, options: CheckOptions = {}): Promise<CheckReport> {
  const report = await runChecker({
    target,
    hintsUsed: labProgress(target.lab).hintsUsed,
    ...(options.onStep ? { onStep: options.onStep } : {}),
  });
  recordCheck(
    target.lab,
    report.steps.filter((s) => s.status === "passed").map((s) => s.id),
  );
  return report;
}

export async function labStatuses() {
  return (await loadCatalog()).map((m) => ({
    slug: m.slug,
    title: m.title,
    status: m.status,
    minutes: m.minutes,
    steps: m.steps.length,
    progress: labProgress(m.slug),
  }));
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now, for tests and `verify`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
