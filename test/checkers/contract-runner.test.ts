// The contract runner: a learner's contract tests against several shops in one
// Vitest process — which shops they catch, and what a broken contract file says.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { runContract } from "../../course/checker/contract.ts";
import { ROOT } from "../../course/paths.ts";
import { DEFECTS, type ReferenceShops, startReferenceShops } from "./01-monolith/reference-shop.ts";

let shops: ReferenceShops;
const broken = path.join(ROOT, "labs", `zz-contract-runner-${process.pid}`);

beforeAll(async () => {
  shops = await startReferenceShops();
  fs.cpSync(path.join(ROOT, "labs", "01-monolith"), broken, { recursive: true });
});
afterAll(async () => {
  await shops.close();
  fs.rmSync(broken, { recursive: true, force: true });
});

test("chapter 01's contract passes against the correct shop and fails against each broken one", {
  timeout: 90_000,
}, async () => {
  const runs = await runContract(path.join(ROOT, "solutions", "01-monolith"), {
    correct: shops.correct,
    ...shops.broken,
  });
  expect(runs.correct).toMatchObject({ passed: true, failures: [] });
  expect(runs.correct?.tests).toBeGreaterThan(10);
  for (const defect of Object.keys(DEFECTS)) {
    expect(runs[defect]?.passed, defect).toBe(false);
    expect(runs[defect]?.failures.length, defect).toBeGreaterThan(0);
  }
  expect(runs["created-is-200"]?.failures.join("\n")).toContain("expected 200 to be 201");
});

test("a contract file that does not parse is named with its line, for every shop", { timeout: 90_000 }, async () => {
  const file = path.join(broken, "contract", "shop.contract.test.ts");
  fs.appendFileSync(file, "\nthis is not typescript (\n");
  const runs = await runContract(broken, { correct: shops.correct, oversells: shops.broken.oversells });
  for (const run of Object.values(runs)) {
    expect(run.passed).toBe(false);
    expect(run.problem).toMatch(/^a contract file failed to load: .+ \(contract\/shop\.contract\.test\.ts:\d+:\d+\)$/);
  }
});

test("a contract without tests is a problem, not a pass", { timeout: 90_000 }, async () => {
  fs.rmSync(path.join(broken, "contract", "shop.contract.test.ts"));
  const runs = await runContract(broken, { correct: shops.correct });
  expect(runs.correct).toMatchObject({ passed: false, problem: "there are no contract tests" });
});
