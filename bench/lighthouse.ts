// Lighthouse (bench/package.json) on the built site as the learner gets it:
// `course start` serves dist/ on 127.0.0.1, Debian's Chromium runs headless
// (one browser for every run, a throwaway profile), and Lighthouse audits the
// landing page and two chapter pages, desktop and mobile (Lighthouse's default,
// simulated slow 4G and a 4× slower CPU). Targets: 100 in every category on
// desktop, ≥ 95 on mobile.
//
//   node bench/lighthouse.ts      (the site must be built: npm run build)
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../course/lab-runner/actions.ts";
import { CHROMIUM_FLAGS } from "../test/helpers/chromium.ts";
import { BIN, benchTool, errorText, heading, missing, ms, ROOT, type Row, table } from "./stats.ts";

export const PAGES = ["/", "/chapters/00-first-function/", "/chapters/02-microservices/"];
const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = CHROMIUM_FLAGS;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const SHORT: Record<(typeof CATEGORIES)[number], string> = {
  performance: "perf",
  accessibility: "a11y",
  "best-practices": "bp",
  seo: "seo",
};
const START_TIMEOUT_MS = 120_000;

/** Start a process and resolve once a line of its output matches; reject if it ends first. */
function startUntil(
  command: string,
  args: string[],
  pattern: RegExp,
  stream: "stdout" | "stderr",
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${path.basename(command)} did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child[stream]?.on("data", (chunk: Buffer) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    });
    const other = stream === "stdout" ? child.stderr : child.stdout;
    other?.on("data", (chunk: Buffer) => (output += chunk));
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(command)} ended (code ${code}) before it was ready:\n${output.trim()}`));
    });
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killer);
}

interface Audit {
  page: string;
  formFactor: "desktop" | "mobile";
  scores: Record<(typeof CATEGORIES)[number], number>;
  metrics: string;
  benchmarkIndex: number;
  ms: number;
}

/** pages down, "desktop perf/a11y/bp/seo" and "mobile …" across */
function scoreTable(audits: Audit[]): string {
  const cells = (page: string, formFactor: string) => {
    const a = audits.find((x) => x.page === page && x.formFactor === formFactor);
    return a ? CATEGORIES.map((c) => String(a.scores[c])).join(" / ") : "n/a";
  };
  const header = ["page", "desktop perf / a11y / bp / seo", "mobile perf / a11y / bp / seo"];
  return table([header, ...PAGES.map((page) => [page, cells(page, "desktop"), cells(page, "mobile")])]);
}

export async function run(): Promise<Row[]> {
  heading(`Lighthouse: ${PAGES.length} pages × desktop, mobile (course start, headless Chromium)`);
  let server: ChildProcess | undefined;
  let chrome: ChildProcess | undefined;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "bench-lighthouse-"));
  try {
    const { default: lighthouse } = await benchTool("lighthouse");
    const { default: desktopConfig } = await benchTool("lighthouse/core/config/desktop-config.js");
    if (!fs.existsSync(path.join(ROOT, "dist", "index.html"))) {
      throw new Error("dist/ has no site: build it first (npm run build)");
    }
    const site = await startUntil(
      path.join(BIN, "course"),
      ["start", "--port", String(await freePort())],
      /open (http:\/\/127\.0\.0\.1:\d+)\//,
      "stdout",
    );
    server = site.child;
    const origin = site.match[1] as string;
    if (!fs.existsSync(CHROME)) throw new Error(`no Chromium at ${CHROME} (set CHROME_PATH)`);
    const browser = await startUntil(
      CHROME,
      [
        ...CHROME_FLAGS,
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        `--user-data-dir=${profile}`,
      ],
      /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//,
      "stderr",
    );
    chrome = browser.child;
    const port = Number(browser.match[1]);

    const audits: Audit[] = [];
    const rows: Row[] = [];
    const audit = async (page: string, formFactor: Audit["formFactor"]): Promise<Audit> => {
      const started = performance.now();
      const result = await lighthouse(
        `${origin}${page}`,
        { port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] },
        formFactor === "desktop" ? desktopConfig : undefined,
      );
      const lhr = result?.lhr;
      if (!lhr || lhr.runtimeError) throw new Error(lhr?.runtimeError?.message ?? "no report");
      const metric = (id: string) => lhr.audits[id]?.displayValue ?? "n/a";
      return {
        page,
        formFactor,
        scores: Object.fromEntries(
          CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
        ) as Audit["scores"],
        metrics: `FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")}`,
        benchmarkIndex: lhr.environment?.benchmarkIndex ?? Number.NaN,
        ms: performance.now() - started,
      };
    };
    for (const formFactor of ["desktop", "mobile"] as const) {
      const target = formFactor === "desktop" ? "100 each" : "≥ 95 each";
      for (const page of PAGES) {
        let a: Audit;
        try {
          // Once more after a failed load: dist/ may be being rebuilt by someone else in this checkout.
          a = await audit(page, formFactor).catch(async (err) => {
            console.log(`${formFactor.padEnd(7)} ${page.padEnd(30)} failed (${errorText(err)}), once more in 5 s`);
            await new Promise((r) => setTimeout(r, 5_000));
            return audit(page, formFactor);
          });
        } catch (err) {
          console.log(`${formFactor.padEnd(7)} ${page.padEnd(30)} could not measure: ${errorText(err)}`);
          rows.push(missing(`Lighthouse ${formFactor} ${page}`, target, errorText(err).split("\n")[0] ?? ""));
          continue;
        }
        audits.push(a);
        console.log(
          `${formFactor.padEnd(7)} ${page.padEnd(30)} ${CATEGORIES.map((c) => `${SHORT[c]} ${a.scores[c]}`).join("  ")}   ${a.metrics}  (${ms(a.ms)}, CPU index ${a.benchmarkIndex})`,
        );
        const min = formFactor === "desktop" ? 100 : 95;
        const low = CATEGORIES.filter((c) => a.scores[c] < min).map((c) => `${SHORT[c]}: ${a.metrics}`);
        rows.push({
          name: `Lighthouse ${formFactor} ${page}`,
          value: CATEGORIES.map((c) => `${a.scores[c]}`).join(" / "),
          target,
          ok: low.length === 0,
          ...(low.length > 0 ? { note: low.join("; ") } : {}),
        });
      }
    }
    console.log(`\n${scoreTable(audits)}`);
    return rows;
  } catch (err) {
    console.log(`could not measure: ${errorText(err)}`);
    return [
      missing("Lighthouse perf / a11y / bp / seo", "100 desktop, ≥ 95 mobile", errorText(err).split("\n")[0] ?? ""),
    ];
  } finally {
    await stop(chrome);
    await stop(server);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

if (import.meta.main) await run();
