// Build the site when dist/ is missing or older than its sources.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../paths.ts";
import { SITE_DIR } from "./server.ts";

/** What the site is built from; the pattern playground bundles the EventBridge matcher. */
const SOURCES = ["site", "test/checkers", "labs", "solutions", "astro.config.mjs", "course/cloud/events/pattern"];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function siteIsStale(): boolean {
  const built = path.join(SITE_DIR, "index.html");
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > builtAt);
}

export function buildSite(): void {
  const astro = path.join(ROOT, "node_modules", ".bin", "astro");
  const result = spawnSync(astro, ["build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("the site did not build; the lines above say why.");
}
