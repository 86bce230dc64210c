// Run a lab's checker with Vitest and turn each test into a manifest step.
import fs from "node:fs";
import path from "node:path";
import type { TestCase } from "vitest/node";
import { CHECKERS_DIR, loadManifest } from "../lab-runner/catalog.ts";
import type { LabManifest } from "../lab-runner/manifest.ts";
import { ROOT } from "../paths.ts";
import { type CheckReport, docsLink, type StepResult } from "./report.ts";
import { type CheckTarget, targetToEnv } from "./target.ts";

export interface RunCheckOptions {
  target: CheckTarget;
  /** hints already unlocked per step: the hint shown is the last unlocked one */
  hintsUsed?: Record<string, number>;
  onStep?(step: StepResult): void;
}

export async function runChecker(options: RunCheckOptions): Promise<CheckReport> {
  const { target } = options;
  const manifest = await loadManifest(target.lab);
  const file = path.join(CHECKERS_DIR, target.lab, "checker.ts");
  if (!fs.existsSync(file)) throw new Error(`lab ${target.lab} has no checker yet (it is ${manifest.status}).`);

  const results = new Map<string, StepResult>();
  const toStep = (id: string, status: StepResult["status"], message: string): StepResult => {
    const spec = manifest.steps.find((s) => s.id === id);
    const level = Math.min(Math.max(options.hintsUsed?.[id] ?? 1, 1), spec?.hints.length ?? 1);
    return {
      id,
      title: spec?.title ?? id,
      status,
      message,
      hint: spec?.hints[level - 1] ?? "",
      docs: spec ? docsLink(manifest, spec.docs) : manifest.chapter,
    };
  };
  const reporter = {
    onTestCaseResult(testCase: TestCase) {
      const result = testCase.result();
      const status = result.state === "passed" ? "passed" : result.state === "failed" ? "failed" : "skipped";
      const message = result.state === "failed" ? (result.errors?.[0]?.message ?? "failed") : "";
      const step = toStep(testCase.name, status, message);
      results.set(step.id, step);
      options.onStep?.(step);
    },
  };

  const env = { ...targetToEnv(target), AWS_EC2_METADATA_DISABLED: "true" };
  Object.assign(process.env, env);
  // Loaded on first use: `course --help` and friends should start fast.
  const { startVitest } = await import("vitest/node");
  const vitest = await startVitest("test", [], {
    root: ROOT,
    config: false,
    watch: false,
    include: [path.relative(ROOT, file)],
    reporters: [reporter],
    env,
    pool: "threads",
    fileParallelism: false,
    silent: "passed-only",
  });
  const moduleErrors = vitest.state.getUnhandledErrors().map((e) => String((e as Error).message ?? e));
  const fileErrors = vitest.state
    .getFiles()
    .flatMap((f) => f.result?.errors ?? [])
    .map((e) => e.message);
  await vitest.close();
  return assemble(manifest, target, results, [...fileErrors, ...moduleErrors], toStep);
}

/** Steps in manifest order; a step the checker never reported fails with the reason. */
function assemble(
  manifest: LabManifest,
  target: CheckTarget,
  results: Map<string, StepResult>,
  errors: string[],
  toStep: (id: string, status: StepResult["status"], message: string) => StepResult,
): CheckReport {
  const steps = manifest.steps.map(
    (s) => results.get(s.id) ?? toStep(s.id, "failed", errors[0] ?? "the checker has no test for this step"),
  );
  const passed = steps.filter((s) => s.status === "passed").length;
  return { schemaVersion: 1, lab: manifest.slug, target: target.kind, passed, failed: steps.length - passed, steps };
}
