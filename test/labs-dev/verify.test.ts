// The rustlings-style dev check, in `npm test`: every solution passes its
// checker and every starter fails the steps it should. Prints the budgets.
import { expect, test } from "vitest";
import { verifyAll } from "../../course/labs/verify.ts";

test("every solution passes its checker and every starter fails what it should", { timeout: 180_000 }, async () => {
  const started = Date.now();
  const results = await verifyAll((r) =>
    console.log(`verify ${r.lab} (${r.from}): ${r.report.passed}/${r.report.steps.length} pass, check ${r.checkMs} ms`),
  );
  console.log(`verify: all labs in ${((Date.now() - started) / 1000).toFixed(1)} s (budget 180 s)`);
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) {
    expect(r.problems, `${r.lab} from ${r.from}`).toEqual([]);
  }
  const starter = results.find((r) => r.from === "labs");
  expect(starter?.report.failed).toBeGreaterThan(0);
});
