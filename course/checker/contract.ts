// Runs a lab's contract tests (a Vitest project of the learner's, in the lab's
// folder) against several base URLs at once, one Vitest process per URL, and
// reports which tests failed where. The URL reaches the tests as SHOP_API.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export interface ContractRun {
  /** every test ran and passed */
  passed: boolean;
  tests: number;
  /** full names of the tests that failed, with their first line of failure */
  failures: string[];
  /** the run itself went wrong: no tests, a syntax error, a timeout */
  problem?: string;
}

const RUN_TIMEOUT_MS = 60_000;
const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

export async function runContract(
  labDir: string,
  baseUrls: Record<string, string>,
): Promise<Record<string, ContractRun>> {
  const entries = await Promise.all(
    Object.entries(baseUrls).map(async ([name, url]) => [name, await runOnce(labDir, url)] as const),
  );
  return Object.fromEntries(entries);
}

async function runOnce(labDir: string, baseUrl: string): Promise<ContractRun> {
  const outputFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "course-contract-")), "report.json");
  // A clean environment for the nested Vitest: the checker's own Vitest variables would confuse it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
  const child = spawn(
    process.execPath,
    [vitestBin, "run", "--root", labDir, "--reporter=json", `--outputFile=${outputFile}`],
    { env: { ...env, SHOP_API: baseUrl, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearTimeout(timer);
  try {
    return summarise(JSON.parse(fs.readFileSync(outputFile, "utf8")) as JsonReport);
  } catch {
    const reason = code === null ? `did not finish within ${RUN_TIMEOUT_MS / 1000} s` : firstLine(stderr);
    return { passed: false, tests: 0, failures: [], problem: `the contract tests could not run: ${reason}` };
  } finally {
    fs.rmSync(path.dirname(outputFile), { recursive: true, force: true });
  }
}

interface JsonReport {
  numTotalTests: number;
  testResults: {
    message?: string;
    status: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

function summarise(report: JsonReport): ContractRun {
  const failures: string[] = [];
  for (const file of report.testResults) {
    if (file.status === "failed" && file.assertionResults.length === 0) {
      return {
        passed: false,
        tests: 0,
        failures,
        problem: `a contract file failed to load: ${firstLine(file.message ?? "")}`,
      };
    }
    for (const test of file.assertionResults) {
      if (test.status === "failed") failures.push(`${test.fullName}: ${firstLine(test.failureMessages?.[0] ?? "")}`);
    }
  }
  if (report.numTotalTests === 0) return { passed: false, tests: 0, failures, problem: "there are no contract tests" };
  return { passed: failures.length === 0, tests: report.numTotalTests, failures };
}

/** The message without its stack: stack lines name this machine's paths and change with every edit. */
function firstLine(text: string): string {
  return (text.split("\n").find((line) => line.trim() !== "") ?? "").trim().slice(0, 240);
}
