// A Vitest reporter for contract runs: one line per test with the project it ran
// in (each project is one base URL), written to CONTRACT_REPORT at the end.
import fs from "node:fs";
import type { Reporter, TestCase, TestModule } from "vitest/node";

export interface ContractResult {
  project: string;
  test: string;
  passed: boolean;
  error?: string;
}

export interface ContractReport {
  results: ContractResult[];
  /** a contract file that could not load, per project */
  loadErrors: { project: string; error: string }[];
}

export default class ContractReporter implements Reporter {
  readonly #report: ContractReport = { results: [], loadErrors: [] };

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    if (result.state === "skipped" || result.state === "pending") return;
    this.#report.results.push({
      project: testCase.project.name,
      test: testCase.fullName,
      passed: result.state === "passed",
      ...(result.errors?.[0] ? { error: result.errors[0].message } : {}),
    });
  }

  onTestModuleEnd(testModule: TestModule): void {
    for (const error of testModule.errors()) {
      this.#report.loadErrors.push({ project: testModule.project.name, error: error.message });
    }
  }

  onTestRunEnd(): void {
    const file = process.env.CONTRACT_REPORT;
    if (file) fs.writeFileSync(file, JSON.stringify(this.#report));
  }
}
