// Files of the checkout, read at build time. Only labs/ and solutions/ may be
// embedded in pages: that is where learners' code lives.
import fs from "node:fs";
import path from "node:path";

function findRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "astro.config.mjs")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/** The repository root: where astro.config.mjs is. */
export const REPO_ROOT: string = findRoot(process.cwd());

const ALLOWED = ["labs/", "solutions/"];

/** Read a file of labs/ or solutions/ by its path from the repo root; undefined when it does not exist (yet). */
export function readLabFile(relative: string): string | undefined {
  const clean = path.posix.normalize(relative.replace(/\\/g, "/"));
  if (!ALLOWED.some((prefix) => clean.startsWith(prefix)) || clean.includes("..")) {
    throw new Error(`CodeFile can only embed files under labs/ or solutions/, not "${relative}"`);
  }
  const file = path.join(REPO_ROOT, clean);
  if (!fs.existsSync(file)) return undefined;
  return fs.readFileSync(file, "utf8");
}

export function languageOf(file: string): string {
  const ext = path.extname(file).slice(1);
  return (
    (
      { ts: "ts", mts: "ts", js: "js", mjs: "js", json: "json", md: "md", yaml: "yaml", yml: "yaml" } as Record<
        string,
        string
      >
    )[ext] ?? "txt"
  );
}
