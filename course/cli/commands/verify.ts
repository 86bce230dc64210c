import { readRunning } from "../../cloud/registry.ts";
import { CourseError } from "../../errors.ts";
import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "verify",
  summary: "For course authors: every solution passes its checker, every starter fails the steps it should.",
  usage: "verify",
  options: {},
  async run() {
    // Loaded on first use, so `course --help` starts fast.
    const { verifyAll } = await import("../../lab-runner/verify.ts");
    const running = readRunning();
    if (running)
      throw new CourseError(
        `Lab ${running.lab} is running and verify rewrites .sst/outputs.json. Run \`npx course down\` first.`,
      );
    const started = Date.now();
    const results = await verifyAll((r) => {
      console.log(
        `verify ${r.ok ? "✓" : "✗"} ${r.lab} (${r.from}): ${r.report.passed}/${r.report.steps.length} steps pass, check took ${r.checkMs} ms`,
      );
      for (const p of r.problems) console.log(`      ${p}`);
    });
    const bad = results.filter((r) => !r.ok).length;
    console.log(
      `verify: ${results.length - bad} of ${results.length} runs as expected in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return bad === 0 ? 0 : 1;
  },
});
