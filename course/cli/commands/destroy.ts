import { resolveStage } from "../../deploy/stage.ts";
import { CourseError } from "../../errors.ts";
import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "destroy",
  summary: "Remove a deployed lab from your AWS account (`sst remove` for that lab and stage). Asks first.",
  usage: "destroy <lab> [--stage S] [--yes]",
  options: {
    stage: { type: "string", description: "the stage to remove (default: your user name, as SST makes it)" },
    yes: { type: "boolean", description: "do not ask" },
  },
  async run({ positionals, values }) {
    const lab = positionals[0];
    if (!lab) throw new CourseError("Which lab? e.g. `npx course destroy 00-first-function`.");
    const stage = resolveStage(values.stage as string | undefined, `destroy ${lab}`);
    const { destroyLab } = await import("../../deploy/deploy.ts");
    const { consoleIo } = await import("../../deploy/io.ts");
    await destroyLab({ lab, stage, yes: Boolean(values.yes) }, consoleIo);
    return 0;
  },
});
