import { resolveStage } from "../../deploy/stage.ts";
import { CourseError } from "../../errors.ts";
import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "deploy",
  summary: "Deploy a lab to your own AWS account with SST, under your own stage. States the cost and asks first.",
  usage: "deploy <lab> [--stage S] [--from labs|solutions] [--yes]",
  options: {
    stage: { type: "string", description: "the stage to deploy to (default: your user name, as SST makes it)" },
    from: {
      type: "string",
      default: "labs",
      description: "labs (your starter, default) or solutions (the finished lab)",
    },
    yes: { type: "boolean", description: "do not ask" },
  },
  async run({ positionals, values }) {
    const lab = positionals[0];
    if (!lab)
      throw new CourseError("Which lab? e.g. `npx course deploy 00-first-function` (`npx course list` shows them).");
    const from = values.from;
    if (from !== "labs" && from !== "solutions") throw new CourseError("--from takes `labs` or `solutions`.");
    const stage = resolveStage(values.stage as string | undefined, `deploy ${lab}`);
    // Loaded on first use: the AWS SDK should not slow `course --help`.
    const { deployLab } = await import("../../deploy/deploy.ts");
    const { consoleIo } = await import("../../deploy/io.ts");
    await deployLab({ lab, from, stage, yes: Boolean(values.yes) }, consoleIo);
    return 0;
  },
});
