// The lab manifests, read (never copied) by every page and component of the site.
// Vite bundles test/checkers/*/manifest.ts at build time; each one validates itself
// with the schema in course/lab-runner/manifest.ts when it is imported.
import type { LabManifest, LabStep } from "../../course/lab-runner/manifest.ts";

export type { LabManifest, LabStep };

const modules = import.meta.glob<{ default: LabManifest }>("../../test/checkers/*/manifest.ts", { eager: true });

/** Every lab, in chapter order. */
export const labs: LabManifest[] = Object.values(modules)
  .map((m) => m.default)
  .sort((a, b) => a.slug.localeCompare(b.slug));

export function getLab(slug: string): LabManifest {
  const lab = labs.find((l) => l.slug === slug);
  if (!lab)
    throw new Error(`No lab manifest for "${slug}" in test/checkers/. Known: ${labs.map((l) => l.slug).join(", ")}`);
  return lab;
}

/** "00" for "00-first-function" */
export function labNumber(slug: string): string {
  return slug.slice(0, 2);
}

/** "Chapter 00 · Your first function" */
export function chapterTitle(lab: LabManifest): string {
  return `${labNumber(lab.slug)} · ${lab.title}`;
}

export const totalMinutes: number = labs.reduce((sum, l) => sum + l.minutes, 0);

/** "6 h 25 min" */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The link to the chapter section that teaches a step. */
export function stepDocsHref(lab: LabManifest, step: LabStep): string {
  return `${lab.chapter}${step.docs}`;
}
