// Where things live in a checkout. Every command resolves paths from here, so
// `npx course` works from any folder of the repo.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SST_DIR = path.join(ROOT, ".sst");
export const PLATFORM_DIR = path.join(SST_DIR, "platform");
/** the local cloud's own state: pid file, graph cache, logs, tables */
export const LOCAL_DIR = path.join(SST_DIR, "local");
/**
 * The file `sst deploy` writes and every checker reads. COURSE_OUTPUTS_FILE
 * lets the project's tests run several clouds at once without sharing it.
 */
export const OUTPUTS_FILE = process.env.COURSE_OUTPUTS_FILE ?? path.join(SST_DIR, "outputs.json");
export const CONFIG_FILE = path.join(ROOT, "sst.config.ts");

export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
