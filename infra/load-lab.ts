// Runs the lab's infra.ts (starter or solution) that sst.config.ts loads.
// The `course` command selects the lab: this static import makes a bundler read
// that one lab only (course/graph/selected-lab.ts says how).
import selectedInfra, { from, lab } from "../.sst/course/selected-lab";
import { courseTags, tagEveryResource } from "./tags";

export interface LabContext {
  /** the lab's folder relative to the project root, e.g. "labs/00-first-function": handler paths start here */
  dir: string;
}

export type LabInfra = (ctx: LabContext) => Record<string, unknown> | Promise<Record<string, unknown>>;

export async function loadLab(): Promise<Record<string, unknown>> {
  const wanted = process.env.COURSE_LAB ?? "00-first-function";
  const wantedFrom = process.env.COURSE_FROM === "solutions" ? "solutions" : "labs";
  if (wanted !== lab || wantedFrom !== from) {
    throw new Error(
      `COURSE_LAB=${wanted} (${wantedFrom}) but ${from}/${lab} is the lab selected for SST. ` +
        `Run \`npx course deploy ${wanted}\` rather than \`sst\` itself.`,
    );
  }
  // Before the lab creates anything: a transformation only reaches resources made after it.
  tagEveryResource(courseTags(lab, $app.stage));
  return (selectedInfra as LabInfra)({ dir: `${from}/${lab}` });
}
