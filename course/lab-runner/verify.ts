// The course's own dev check (rustlings' idea): every solution passes its
// checker, and every starter fails each step it should.

import fs from "node:fs";
import path from "node:path";
import { REGION } from "../aws/identity.ts";
import type { CheckReport } from "../checker/report.ts";
import { runChecker } from "../checker/run.ts";
import type { CallRecord } from "../cloud/edge/server.ts";
import { startLocalCloud } from "../cloud/local-cloud.ts";
import { LOCAL_DIR } from "../paths.ts";
import { freePort, type Source } from "./actions.ts";
import { loadCatalog } from "./catalog.ts";
import type { LabManifest } from "./manifest.ts";

export interface VerifyResult {
  lab: string;
  from: Source;
  ok: boolean;
  /** what was wrong, when not ok */
  problems: string[];
  report: CheckReport;
  checkMs: number;
  /** the AWS calls the checker made, as the edge recorded them */
  calls: CallRecord[];
}

/** Start the lab from `from` (or from another folder there) on a free port, run its checker, stop it. */
export async function checkOnce(
  lab: string,
  from: Source,
  folder?: string,
): Promise<{ report: CheckReport; checkMs: number; calls: CallRecord[] }> {
  const port = await freePort();
  // Outputs of its own, so clouds started side by side (tests, verify) never read each other's.
  const outputsFile = path.join(LOCAL_DIR, "outputs", `${folder ?? lab}-${from}-${port}.json`);
  const cloud = await startLocalCloud({ lab, from, port, outputsFile, watch: false, ...(folder ? { folder } : {}) });
  try {
    const started = Date.now();
    const report = await runChecker({
      target: {
        kind: "local",
        lab,
        outputsFile,
        endpoint: cloud.endpoint,
        region: REGION,
        stage: "local",
        app: cloud.graph().app.name,
        sources: `${from}/${folder ?? lab}`,
      },
    });
    return { report, checkMs: Date.now() - started, calls: cloud.calls() };
  } finally {
    await cloud.close();
    fs.rmSync(outputsFile, { force: true });
  }
}

export function judge(manifest: LabManifest, from: Source, report: CheckReport): string[] {
  if (from === "solutions") {
    return report.steps.filter((s) => s.status !== "passed").map((s) => `solution fails ${s.id}: ${s.message}`);
  }
  return report.steps.flatMap((s) => {
    const shouldPass = manifest.starterPasses.includes(s.id);
    if (shouldPass && s.status !== "passed") return [`starter should pass ${s.id} as shipped: ${s.message}`];
    if (!shouldPass && s.status === "passed") return [`starter passes ${s.id}, which the learner has not done yet`];
    return [];
  });
}

export async function verifyAll(onResult?: (result: VerifyResult) => void): Promise<VerifyResult[]> {
  const results: VerifyResult[] = [];
  for (const manifest of await loadCatalog()) {
    if (manifest.status !== "ready") continue;
    for (const result of await verifyLab(manifest)) {
      results.push(result);
      onResult?.(result);
    }
  }
  return results;
}

/** One lab: its solution must pass every step, its starter fail every step it should. */
export async function verifyLab(manifest: LabManifest): Promise<VerifyResult[]> {
  const results: VerifyResult[] = [];
  for (const from of ["solutions", "labs"] as const) {
    const { report, checkMs, calls } = await checkOnce(manifest.slug, from);
    const problems = judge(manifest, from, report);
    results.push({ lab: manifest.slug, from, ok: problems.length === 0, problems, report, checkMs, calls });
  }
  return results;
}
