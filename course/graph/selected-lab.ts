// Which lab's infra.ts sst.config.ts loads. infra/load-lab.ts imports one fixed module,
// so a bundler sees exactly one lab: a broken infra.ts in another lab (or a test's
// throwaway copy under labs/zz-*) never reaches the bundle. `sst deploy` bundles with
// SST's own esbuild, so before it runs the module is written to a file; the local
// evaluation hands the same module to esbuild in memory, so labs evaluated side by
// side never share (or race on) that file.
import fs from "node:fs";
import path from "node:path";
import { ensureDir, SST_DIR } from "../paths.ts";

export type LabSource = "labs" | "solutions";

/** what infra/load-lab.ts imports as "../.sst/course/selected-lab" */
export const SELECTED_LAB_FILE = path.join(SST_DIR, "course", "selected-lab.ts");

/** The module's text; `infraFile` is the lab's infra.ts as the module imports it. */
export function selectedLabModule(lab: string, from: LabSource, infraFile: string): string {
  return [
    "// Written by `course`: the one lab that sst.config.ts loads. `npx course deploy <lab>` selects another (`course up` never reads this file).",
    `export { default } from ${JSON.stringify(infraFile)};`,
    `export const lab = ${JSON.stringify(lab)};`,
    `export const from = ${JSON.stringify(from)};`,
    "",
  ].join("\n");
}

/** Write the file SST's bundler reads (before `sst deploy|remove`, and at `npm install`). */
export function writeSelectedLab(lab: string, from: LabSource): void {
  ensureDir(path.dirname(SELECTED_LAB_FILE));
  const text = selectedLabModule(lab, from, `../../${from}/${lab}/infra`);
  // Unchanged text keeps its mtime, so SST's and tsc's caches stay warm.
  if (fs.existsSync(SELECTED_LAB_FILE) && fs.readFileSync(SELECTED_LAB_FILE, "utf8") === text) return;
  fs.writeFileSync(SELECTED_LAB_FILE, text);
}
