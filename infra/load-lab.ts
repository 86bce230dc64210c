// Picks the lab's infra.ts (starter or solution) that sst.config.ts runs.
// esbuild bundles every lab's infra.ts through the glob imports below.
import { courseTags, tagEveryResource } from "./tags";

export interface LabContext {
  /** the lab's folder relative to the project root, e.g. "labs/00-first-function": handler paths start here */
  dir: string;
}

export type LabInfra = (ctx: LabContext) => Record<string, unknown> | Promise<Record<string, unknown>>;

export async function loadLab(): Promise<Record<string, unknown>> {
  const lab = process.env.COURSE_LAB ?? "00-first-function";
  const from = process.env.COURSE_FROM === "solutions" ? "solutions" : "labs";
  // Before the lab creates anything: a transformation only reaches resources made after it.
  tagEveryResource(courseTags(lab, $app.stage));
  const mod: { default: LabInfra } =
    from === "solutions" ? await import(`../solutions/${lab}/infra.ts`) : await import(`../labs/${lab}/infra.ts`);
  return mod.default({ dir: `${from}/${lab}` });
}
