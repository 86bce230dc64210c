// The checker's results, for people (one line per step) and for programs
// (JSON for the site, the board and CI).
import type { LabManifest } from "../lab-runner/manifest.ts";

export type StepStatus = "passed" | "failed" | "skipped";

export interface StepResult {
  id: string;
  title: string;
  status: StepStatus;
  /** what was expected and what was seen, for a failed step */
  message: string;
  /** the hint unlocked for this step (the first one until `course hint` unlocks more) */
  hint: string;
  /** the chapter section that teaches this step */
  docs: string;
}

export interface CheckReport {
  schemaVersion: 1;
  lab: string;
  target: "local" | "aws";
  passed: number;
  failed: number;
  steps: StepResult[];
}

export function docsLink(manifest: LabManifest, anchor: string): string {
  return `${manifest.chapter}${anchor}`;
}

const MARK: Record<StepStatus, string> = { passed: "✓", failed: "✗", skipped: "-" };

/** One line per step, prefixed so our lines are told apart from a program's logs. */
export function formatStep(step: StepResult): string {
  const head = `check ${MARK[step.status]} ${step.id}: ${step.title}`;
  if (step.status !== "failed") return head;
  const message = step.message
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
  return [head, message, `      hint: ${step.hint}`, `      read: ${step.docs}`].join("\n");
}

export function formatSummary(report: CheckReport): string {
  const total = report.steps.length;
  if (report.failed === 0) {
    return `check: all ${total} steps pass. Well done — next: read the next chapter, or \`npx course list\`.`;
  }
  return `check: ${report.passed} of ${total} steps pass. Fix the first ✗ above, then run \`npx course check ${report.lab}\` again (\`npx course hint ${report.lab}\` unlocks the next hint).`;
}
