// Runs a lab's contract tests (a Vitest project of the learner's, in the lab's
// folder) against several base URLs in one Vitest process: one project per URL,
// each with the URL as SHOP_API, so that six shops cost one start of Vitest.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { ContractReport } from "./contract-reporter.ts";

export interface ContractRun {
  /** every test ran and passed */
  passed: boolean;
  tests: number;
  /** full names of the tests that failed, with the first line of the failure */
  failures: string[];
  /** the run itself went wrong: no tests, a file that does not load, a timeout */
  problem?: string;
}

const RUN_TIMEOUT_MS = 90_000;
const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
const reporter = path.join(import.meta.dirname, "contract-reporter.ts");

export async function runContract(
  labDir: string,
  baseUrls: Record<string, string>,
): Promise<Record<string, ContractRun>> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "course-contract-"));
  const reportFile = path.join(work, "report.json");
  const configFile = path.join(work, "vitest.config.mjs");
  // The lab's own vitest.config.ts says which files are the contract; each project reads them with its own URL.
  const projects = Object.entries(baseUrls).map(([name, url]) => ({
    test: { name, root: labDir, include: ["contract/**/*.test.ts"], env: { SHOP_API: url }, testTimeout: 20_000 },
  }));
  fs.writeFileSync(configFile, `export default ${JSON.stringify({ test: { projects } })};\n`);
  // A clean environment for the nested Vitest: the checker's own Vitest variables would confuse it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
  const child = spawn(
    process.execPath,
    [vitestBin, "run", "--config", configFile, "--root", labDir, `--reporter=${reporter}`],
    { env: { ...env, CONTRACT_REPORT: reportFile, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearTimeout(timer);
  try {
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as ContractReport;
    return Object.fromEntries(Object.keys(baseUrls).map((name) => [name, summarise(report, name)]));
  } catch {
    const reason = code === null ? `did not finish within ${RUN_TIMEOUT_MS / 1000} s` : firstLine(stderr);
    const failed: ContractRun = {
      passed: false,
      tests: 0,
      failures: [],
      problem: `the contract tests could not run: ${reason}`,
    };
    return Object.fromEntries(Object.keys(baseUrls).map((name) => [name, failed]));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function summarise(report: ContractReport, project: string): ContractRun {
  const loadError = report.loadErrors.find((e) => e.project === project);
  if (loadError) {
    return {
      passed: false,
      tests: 0,
      failures: [],
      problem: `a contract file failed to load: ${loadProblem(loadError.error)}`,
    };
  }
  const results = report.results.filter((r) => r.project === project);
  if (results.length === 0) return { passed: false, tests: 0, failures: [], problem: "there are no contract tests" };
  const failures = results.filter((r) => !r.passed).map((r) => `${r.test}: ${firstLine(r.error ?? "")}`);
  return { passed: failures.length === 0, tests: results.length, failures };
}

/** "Expected a semicolon … (contract/shop.contract.test.ts:19:5)": the parser's complaint and where, relative to the lab */
function loadProblem(error: string): string {
  const lines = stripVTControlCharacters(error)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const complaint = lines.find((line, i) => i > 0 && !/^[╭│─╰]/.test(line)) ?? lines[0] ?? "";
  const where = /\b(contract\/[^\s\]]+:\d+:\d+)/.exec(error)?.[1];
  return `${complaint.replace(/^\[[A-Z_]+\]\s*/, "")}${where ? ` (${where})` : ""}`.slice(0, 240);
}

/** The message without its stack: stack lines name this machine's paths and change with every edit. */
function firstLine(text: string): string {
  return (text.split("\n").find((line) => line.trim() !== "") ?? "").trim().slice(0, 240);
}
