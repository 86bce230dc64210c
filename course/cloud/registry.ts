// Which local cloud runs in this checkout: one at a time, recorded in a file so
// every command (and the companion) finds it.
import fs from "node:fs";
import path from "node:path";
import { LOCAL_DIR } from "../paths.ts";

/** COURSE_RUNNING_FILE lets the project's tests keep their own record apart from a learner's running lab. */
export const RUNNING_FILE = process.env.COURSE_RUNNING_FILE ?? path.join(LOCAL_DIR, "running.json");

export interface RunningCloud {
  pid: number;
  lab: string;
  from: "labs" | "solutions";
  endpoint: string;
  port: number;
  /** the outputs this cloud wrote, which `check` reads */
  outputsFile: string;
  startedAt: string;
}

export function readRunning(): RunningCloud | undefined {
  let running: RunningCloud;
  try {
    running = JSON.parse(fs.readFileSync(RUNNING_FILE, "utf8")) as RunningCloud;
  } catch {
    return undefined;
  }
  if (!alive(running.pid)) {
    fs.rmSync(RUNNING_FILE, { force: true });
    return undefined;
  }
  return running;
}

export function recordRunning(running: RunningCloud): void {
  fs.mkdirSync(path.dirname(RUNNING_FILE), { recursive: true });
  fs.writeFileSync(RUNNING_FILE, `${JSON.stringify(running, null, 2)}\n`);
}

export function clearRunning(pid: number): void {
  const current = readRunningRaw();
  if (current?.pid === pid) fs.rmSync(RUNNING_FILE, { force: true });
}

function readRunningRaw(): RunningCloud | undefined {
  try {
    return JSON.parse(fs.readFileSync(RUNNING_FILE, "utf8")) as RunningCloud;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
