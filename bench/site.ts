// Build the course site and report what it costs: build time, and the bytes of
// HTML + CSS + JS each chapter page loads (the search index is excluded: it is
// fetched only when someone searches), raw and gzip-compressed as a server
// sends them. Budgets: build ≤ 30 s, ≤ 100 KB a page over the wire (gzip).
// Raw sizes are shown beside them: Starlight's own stylesheet is ~64 KB raw.
//
//   node bench/site.ts            build, then measure
//   node bench/site.ts --no-build measure the dist/ that is there
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist");
const BUILD_BUDGET_S = 30;
const PAGE_BUDGET_BYTES = 100 * 1024;

function build(): number {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST.*|TEST|MODE|DEV|PROD|SSR|BASE_URL)$/.test(key)) env[key] = value;
  }
  const started = performance.now();
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "astro"), ["build"], {
    cwd: ROOT,
    env: { ...env, ASTRO_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}\n${result.stderr}\n`);
    throw new Error("astro build failed");
  }
  return seconds;
}

/** Every local CSS and JS file a page pulls in, following JS imports. */
function assetsOf(htmlFile: string): Set<string> {
  const html = fs.readFileSync(htmlFile, "utf8");
  const found = new Set<string>();
  const queue: string[] = [];
  const add = (ref: string, from: string) => {
    if (/^(https?:|data:|#|mailto:)/.test(ref) || ref.startsWith("/pagefind/")) return;
    const file = ref.startsWith("/") ? path.join(DIST, ref) : path.resolve(path.dirname(from), ref);
    const clean = file.split(/[?#]/)[0] as string;
    if (!/\.(css|js|mjs)$/.test(clean) || found.has(clean) || !fs.existsSync(clean)) return;
    found.add(clean);
    if (!clean.endsWith(".css")) queue.push(clean);
  };
  for (const m of html.matchAll(/<link[^>]+href="([^"]+)"[^>]*>/g)) {
    if (/rel="(stylesheet|modulepreload)"/.test(m[0])) add(m[1] as string, htmlFile);
  }
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) add(m[1] as string, htmlFile);
  // Inline module scripts import bundled chunks too.
  for (const m of html.matchAll(/import\s*(?:[^'"]*from\s*)?["']([^"']+\.js)["']/g)) add(m[1] as string, htmlFile);
  while (queue.length > 0) {
    const js = queue.shift() as string;
    const source = fs.readFileSync(js, "utf8");
    for (const m of source.matchAll(/(?:import|from)\s*\(?\s*["']([^"']+\.js)["']/g)) {
      const ref = m[1] as string;
      if (ref.includes("pagefind")) continue; // the search UI loads on demand
      add(ref, js);
    }
  }
  return found;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

const skipBuild = process.argv.includes("--no-build");
const seconds = skipBuild ? undefined : build();
const chaptersDir = path.join(DIST, "chapters");
const pages = fs
  .readdirSync(chaptersDir)
  .filter((d) => fs.existsSync(path.join(chaptersDir, d, "index.html")))
  .sort();

let failed = false;
const rows: string[][] = [["page", "html", "css", "js", "raw total", "gzip total", "budget"]];
const gz = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;
for (const slug of pages) {
  const htmlFile = path.join(chaptersDir, slug, "index.html");
  const htmlBytes = fs.statSync(htmlFile).size;
  let css = 0;
  let js = 0;
  let wire = gz(htmlFile);
  for (const file of assetsOf(htmlFile)) {
    const size = fs.statSync(file).size;
    wire += gz(file);
    if (file.endsWith(".css")) css += size;
    else js += size;
  }
  const total = htmlBytes + css + js;
  const ok = wire <= PAGE_BUDGET_BYTES;
  failed ||= !ok;
  rows.push([`/chapters/${slug}/`, kb(htmlBytes), kb(css), kb(js), kb(total), kb(wire), ok ? "ok" : "OVER"]);
}

const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length))) ?? [];
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] as number)).join("  "));
if (seconds !== undefined) {
  const ok = seconds <= BUILD_BUDGET_S;
  failed ||= !ok;
  console.log(`\nbuild: ${seconds.toFixed(1)} s (budget ${BUILD_BUDGET_S} s) ${ok ? "ok" : "OVER"}`);
}
console.log(`page budget: ${kb(PAGE_BUDGET_BYTES)} of HTML + CSS + JS gzip-compressed, search index excluded`);
process.exitCode = failed ? 1 : 0;
