import { formatStep, formatSummary } from "../../checker/report.ts";
import { CourseError } from "../../errors.ts";
import { checkRunningLab } from "../../labs/actions.ts";
import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "check",
  summary: "Judge the running lab: one line per step, with a hint for the first that fails. Exit 0 only when all pass.",
  usage: "check <lab> [--json] [--events]",
  options: {
    json: { type: "boolean", description: "print {schemaVersion, lab, target, passed, failed, steps} as JSON" },
    events: { type: "boolean", description: "print one JSON line per step as it finishes" },
  },
  async run({ positionals, values }) {
    const lab = positionals[0];
    if (!lab) throw new CourseError("Which lab? e.g. `npx course check 00-first-function`.");
    const quiet = Boolean(values.json);
    const report = await checkRunningLab(lab, {
      onStep: (step) => {
        if (values.events) console.log(JSON.stringify({ type: "step", ...step }));
        else if (!quiet) console.log(formatStep(step));
      },
    });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else if (values.events) console.log(JSON.stringify({ type: "done", passed: report.passed, failed: report.failed }));
    else console.log(`\n${formatSummary(report)}`);
    return report.failed === 0 ? 0 : 1;
  },
});
