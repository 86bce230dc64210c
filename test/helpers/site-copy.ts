// A private copy of the built site for a test that serves it for a while.
// test/site/site.test.ts rebuilds dist/ in place (Astro empties it first), and
// vitest runs test files side by side, so serving dist/ itself can 404 halfway.
// A fresh, complete dist/ is copied; otherwise the site is built into the copy.
//
// That build's folder is inside the project, under node_modules/.cache/: Astro
// keeps its prerender chunks in the output folder only when that is inside the
// working directory (they must resolve the project's packages), and otherwise
// in the shared .astro/.prerender/, where two builds at once break each other.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SITE_DIR } from "../../course/companion/server.ts";
import { siteIsStale } from "../../course/companion/site-build.ts";
import { ROOT } from "../../course/paths.ts";

/** Astro's sitemap integration writes this last: present means the build finished. */
const LAST_FILE = "sitemap-index.xml";

export interface SiteCopy {
  dir: string;
  /** how the copy was made */
  how: "copied dist/" | "built";
  ms: number;
  remove(): void;
}

/**
 * Vitest puts NODE_ENV=test, MODE, DEV, PROD, SSR and BASE_URL into process.env;
 * passed on, they make Astro build a dev-flavoured site (search turned off).
 */
export function astroBuildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST.*|TEST|MODE|DEV|PROD|SSR|BASE_URL|NODE_ENV)$/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ASTRO_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
}

function lastWrite(): number | undefined {
  try {
    return fs.statSync(path.join(SITE_DIR, LAST_FILE)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Copy dist/ when it is complete and stays untouched while copying; false when it is not. */
function tryCopy(dir: string): boolean {
  const before = lastWrite();
  if (before === undefined || siteIsStale()) return false;
  try {
    fs.cpSync(SITE_DIR, dir, { recursive: true });
  } catch {
    return false; // a rebuild emptied dist/ under us
  }
  // A rebuild that started meanwhile deleted LAST_FILE (or wrote a newer one).
  return lastWrite() === before && fs.existsSync(path.join(dir, LAST_FILE));
}

export function makeSiteCopy(): SiteCopy {
  const started = Date.now();
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "course-site-"));
  if (tryCopy(copy)) {
    return { dir: copy, how: "copied dist/", ms: Date.now() - started, remove: () => rmrf(copy) };
  }
  rmrf(copy);
  const cache = path.join(ROOT, "node_modules", ".cache");
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, "course-site-"));
  const remove = () => rmrf(dir);
  const build = spawnSync(path.join(ROOT, "node_modules", ".bin", "astro"), ["build", "--outDir", dir], {
    cwd: ROOT,
    env: astroBuildEnv(),
    encoding: "utf8",
  });
  if (build.status !== 0) {
    remove();
    throw new Error(`astro build failed:\n${build.stdout}\n${build.stderr}`);
  }
  return { dir, how: "built", ms: Date.now() - started, remove };
}

function rmrf(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
