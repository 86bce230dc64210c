// Every lab of the course, in chapter order, read from its one manifest.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../paths.ts";
import type { LabManifest } from "./manifest.ts";

/** one folder per lab: its manifest, checker, probes, planted mistakes and dev test */
export const CHECKERS_DIR = path.join(ROOT, "test", "checkers");

export function labSlugs(): string[] {
  return fs
    .readdirSync(CHECKERS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
    .map((d) => d.name)
    .sort();
}

export async function loadManifest(slug: string): Promise<LabManifest> {
  const file = path.join(CHECKERS_DIR, slug, "manifest.ts");
  if (!fs.existsSync(file)) throw new UnknownLabError(slug);
  return ((await import(file)) as { default: LabManifest }).default;
}

export async function loadCatalog(): Promise<LabManifest[]> {
  return Promise.all(labSlugs().map(loadManifest));
}

export class UnknownLabError extends Error {
  readonly slug: string;
  constructor(slug: string) {
    super(`There is no lab "${slug}". Run \`npx course list\` to see the labs.`);
    this.slug = slug;
  }
}
