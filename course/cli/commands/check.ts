import { formatStep, formatSummary, type StepResult } from "../../checker/report.ts";
import { resolveStage } from "../../deploy/stage.ts";
import { CourseError } from "../../errors.ts";
import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "check",
  summary: "Judge the running lab: one line per step, with a hint for the first that fails. Exit 0 only when all pass.",
  usage: "check <lab> [--target local|aws] [--stage S] [--json] [--events]",
  options: {
    target: {
      type: "string",
      default: "local",
      description: "local (the lab `npx course up` runs, default) or aws (the stack `npx course deploy` made)",
    },
    stage: { type: "string", description: "with --target aws: the stage (default: your user name, as SST makes it)" },
    json: { type: "boolean", description: "print {schemaVersion, lab, target, passed, failed, steps} as JSON" },
    events: { type: "boolean", description: "print one JSON line per step as it finishes" },
  },
  async run({ positionals, values }) {
    // Loaded on first use, so `course --help` starts fast.
    const { checkRunningLab } = await import("../../lab-runner/actions.ts");
    const lab = positionals[0];
    if (!lab) throw new CourseError("Which lab? e.g. `npx course check 00-first-function`.");
    const quiet = Boolean(values.json);
    const onStep = (step: StepResult) => {
      if (values.events) console.log(JSON.stringify({ type: "step", ...step }));
      else if (!quiet) console.log(formatStep(step));
    };
    if (values.target !== "local" && values.target !== "aws") throw new CourseError("--target takes `local` or `aws`.");
    if (values.target === "local" && values.stage !== undefined) {
      throw new CourseError(
        `--stage is for a deployed lab: \`npx course check ${lab} --target aws --stage ${values.stage}\`.`,
      );
    }
    const report =
      values.target === "aws"
        ? await (await import("../../deploy/check.ts")).checkDeployedLab(lab, {
            stage: resolveStage(values.stage as string | undefined, `check ${lab} --target aws`),
            onStep,
          })
        : await checkRunningLab(lab, { onStep });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else if (values.events) console.log(JSON.stringify({ type: "done", passed: report.passed, failed: report.failed }));
    else console.log(`\n${formatSummary(report)}`);
    return report.failed === 0 ? 0 : 1;
  },
});
