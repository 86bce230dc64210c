// Planted mistakes: patches against a lab's solution that a learner plausibly
// makes. Each must fail the right step, with the output kept as a golden file,
// the way CodeCrafters tests its testers.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { CheckReport } from "../checker/report.ts";
import { formatStep } from "../checker/report.ts";
import { ROOT } from "../paths.ts";
import { CHECKERS_DIR } from "./catalog.ts";
import { checkOnce } from "./verify.ts";

export interface Mistake {
  lab: string;
  name: string;
  patchFile: string;
  goldenFile: string;
}

export function mistakesOf(lab: string): Mistake[] {
  const dir = path.join(CHECKERS_DIR, lab, "mistakes");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".patch"))
    .sort()
    .map((f) => {
      const name = f.replace(/\.patch$/, "");
      return { lab, name, patchFile: path.join(dir, f), goldenFile: path.join(dir, `${name}.golden.txt`) };
    });
}

/** Serve the solution with the mistake applied, from a throwaway folder under labs/, and check it. */
export async function checkMistake(mistake: Mistake): Promise<CheckReport> {
  const folder = `zz-mistake-${mistake.name}`;
  const dir = path.join(ROOT, "labs", folder);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, "solutions", mistake.lab), dir, { recursive: true });
  try {
    const applied = spawnSync("patch", ["-p1", "--quiet", "-d", dir, "-i", mistake.patchFile], { encoding: "utf8" });
    if (applied.status !== 0)
      throw new Error(`${mistake.name}.patch does not apply to the solution: ${applied.stdout}${applied.stderr}`);
    return (await checkOnce(mistake.lab, "labs", folder)).report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The checker's lines for people, with ids and times that change from run to run masked. */
export function goldenText(report: CheckReport): string {
  const lines = report.steps.map(formatStep).join("\n");
  return `${lines
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    // a uuid cut short where a long answer is shortened to one line
    .replace(/[0-9a-f]{8}-[0-9a-f-]{0,27}…/g, "<uuid>…")
    // SST's random suffix of a physical name: which resource draws which suffix can change with timing
    .replace(/\b(course-[a-z0-9-]+?-[A-Za-z0-9]+)-[a-z]{8}\b/g, "$1-<suffix>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>")}\n`;
}
