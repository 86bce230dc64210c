// A learner's progress, kept in one file that the CLI writes and the site
// reads through the companion: steps passed and hints unlocked, per lab.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.ts";

/** COURSE_PROGRESS_FILE lets the project's tests keep their own progress apart from a learner's. */
export const PROGRESS_FILE = process.env.COURSE_PROGRESS_FILE ?? path.join(ROOT, ".course", "progress.json");

export interface LabProgress {
  passed: string[];
  hintsUsed: Record<string, number>;
  lastCheck?: string;
}

type Progress = Record<string, LabProgress>;

function read(): Progress {
  try {
    return JSON.parse(fs.readFileSync(PROGRESS_FILE, "utf8")) as Progress;
  } catch {
    return {};
  }
}

function write(progress: Progress): void {
  fs.mkdirSync(path.dirname(PROGRESS_FILE), { recursive: true });
  const temp = `${PROGRESS_FILE}.${process.pid}`;
  fs.writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
  fs.renameSync(temp, PROGRESS_FILE);
}

export function labProgress(lab: string): LabProgress {
  return read()[lab] ?? { passed: [], hintsUsed: {} };
}

export function recordCheck(lab: string, passed: string[]): void {
  const all = read();
  all[lab] = { ...labProgress(lab), passed, lastCheck: new Date().toISOString() };
  write(all);
}

/** Unlock one more hint of a step; returns how many are unlocked now. */
export function unlockHint(lab: string, step: string, available: number): number {
  const all = read();
  const current = all[lab] ?? { passed: [], hintsUsed: {} };
  const next = Math.min((current.hintsUsed[step] ?? 0) + 1, available);
  all[lab] = { ...current, hintsUsed: { ...current.hintsUsed, [step]: next } };
  write(all);
  return next;
}
