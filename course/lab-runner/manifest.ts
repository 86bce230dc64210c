// The one description of a lab. The CLI, the checker, the site and the
// facilitator notes all read it; nothing about a lab is written twice.
import { z } from "zod";

export const LabStep = z.object({
  /** stable id, also the checker test's name, e.g. "health-route" */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: z.string().min(1),
  /** what the learner does in this step, one or two sentences */
  task: z.string().min(1),
  /** unlocked one at a time: concept first, then the API, never the answer */
  hints: z.array(z.string().min(1)).min(1),
  /** anchor of the chapter section that teaches this step, e.g. "#your-first-route" */
  docs: z.string().startsWith("#"),
});

export const LabManifest = z.object({
  schemaVersion: z.literal(1),
  /** folder name under labs/ and solutions/, e.g. "00-first-function" */
  slug: z.string().regex(/^\d\d-[a-z0-9-]+$/),
  title: z.string().min(1),
  /** the talk's idea this chapter teaches, one line */
  summary: z.string().min(1),
  status: z.enum(["ready", "planned"]),
  minutes: z.number().int().positive(),
  goals: z.array(z.string().min(1)).min(1),
  /** the site's chapter page, e.g. "/chapters/00-first-function/" */
  chapter: z.string().startsWith("/"),
  /** what one day of the deployed lab costs if you forget to remove it, in USD, with the basis */
  cost: z.object({ perDayUsd: z.number().nonnegative(), basis: z.string().min(1) }).optional(),
  steps: z.array(LabStep),
  /** steps the starter already passes as shipped (e.g. a warm-up); `course verify` expects every other step to fail on it */
  starterPasses: z.array(z.string()).default([]),
  /**
   * Files this lab carries unchanged from an earlier lab's solution (paths relative to the lab's folder):
   * the same bytes in that solution, in this starter and in this solution. A test keeps them identical,
   * and the lab's README lists them, so a learner knows what is theirs to edit and what came along.
   */
  carried: z
    .object({ from: z.string().regex(/^\d\d-[a-z0-9-]+$/), files: z.array(z.string().min(1)).min(1) })
    .optional(),
});

export type LabStep = z.infer<typeof LabStep>;
export type LabManifest = z.infer<typeof LabManifest>;

export function defineLab(manifest: z.input<typeof LabManifest>): LabManifest {
  const parsed = LabManifest.parse(manifest);
  if (parsed.status === "ready" && parsed.steps.length === 0) {
    throw new Error(`lab ${parsed.slug} is ready but has no steps`);
  }
  const ids = new Set<string>();
  for (const step of parsed.steps) {
    if (ids.has(step.id)) throw new Error(`lab ${parsed.slug}: step id "${step.id}" appears twice`);
    ids.add(step.id);
  }
  return parsed;
}
