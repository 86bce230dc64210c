// Every lab of the course, in chapter order, read from its one manifest.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../paths.ts";
import type { LabManifest } from "./manifest.ts";

export const LABS_DIR = path.join(ROOT, "test", "labs");

export function labSlugs(): string[] {
  return fs
    .readdirSync(LABS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
    .map((d) => d.name)
    .sort();
}

export async function loadManifest(slug: string): Promise<LabManifest> {
  const file = path.join(LABS_DIR, slug, "manifest.ts");
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
