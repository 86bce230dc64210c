import type { Leftover } from "../../deploy/cleanup.ts";
import { resolveStage } from "../../deploy/stage.ts";
import { forgetDeployment, forgetStage } from "../../deploy/store.ts";
import { CourseError } from "../../errors.ts";
import { defineCommand } from "../command.ts";

function describe(l: Leftover): string {
  const where = [l.lab && `lab ${l.lab}`, l.stage && `stage ${l.stage}`].filter(Boolean).join(", ");
  return `${l.kind.padEnd(30)} ${l.name}${where ? `  (${where})` : ""}\n${"".padEnd(33)}cost risk: ${l.risk}`;
}

export default defineCommand({
  name: "cleanup",
  summary:
    "List what the course left in your AWS account and region (by tag, role name and SST state), then delete it.",
  usage: "cleanup [--stage S | --all-stages] [--dry-run] [--yes]",
  options: {
    stage: { type: "string", description: "only this stage (default: your user name, as SST makes it)" },
    "all-stages": { type: "boolean", description: "every stage of the course: for an instructor after a workshop" },
    "dry-run": { type: "boolean", description: "list only; delete nothing" },
    yes: { type: "boolean", description: "do not ask before deleting" },
  },
  async run({ values }) {
    const all = Boolean(values["all-stages"]);
    if (all && values.stage !== undefined) throw new CourseError("Use --stage S or --all-stages, not both.");
    const stage = all ? undefined : resolveStage(values.stage as string | undefined, "cleanup");
    const scope = stage ? `--stage ${stage}` : "--all-stages";
    const next = `npx course cleanup ${scope}`;
    // Loaded on first use: the AWS SDK should not slow `course --help`.
    const { callerIdentity, resolveRegion } = await import("../../deploy/aws.ts");
    const { awsCleanupApi, findLeftovers, removeLeftovers } = await import("../../deploy/cleanup.ts");
    const { consoleIo } = await import("../../deploy/io.ts");
    // What to run again after fixing the region or credentials: the command as typed, dry run included.
    const again = values["dry-run"] ? `${next} --dry-run` : next;
    const region = await resolveRegion(again);
    const identity = await callerIdentity(region, again);
    console.log(
      `course: looking for ${stage ? `stage ${stage}` : "every stage"} of the course in account ${identity.account}, region ${region} (IAM roles are global; run this in each region you deployed to) …`,
    );
    const api = awsCleanupApi(region);
    const leftovers = await findLeftovers(api, stage ? { stage } : {});
    const own = leftovers.filter((l) => !l.shared);
    const shared = leftovers.filter((l) => l.shared);
    for (const l of own) console.log(`  ${describe(l)}`);
    if (shared.length) {
      console.log("\ncourse: shared by every SST app here, so never deleted by cleanup:");
      for (const l of shared) console.log(`  ${describe(l)}`);
    }
    if (own.length === 0) {
      console.log(`\ncourse: nothing of ${stage ? `stage ${stage}` : "the course"} is left in ${region}.`);
      if (stage && !values["dry-run"]) forgetStage(stage);
      return 0;
    }
    if (values["dry-run"]) {
      console.log(`\ncourse: ${own.length} to delete. Nothing deleted (dry run). Delete them with \`${next}\`.`);
      return 0;
    }
    if (
      !values.yes &&
      !(await consoleIo.confirm(`Delete these ${own.length} from account ${identity.account}? [y/N] `))
    ) {
      console.log(`Nothing deleted. \`${next} --yes\` deletes without asking.`);
      return 1;
    }
    const result = await removeLeftovers(api, own, (l, error) =>
      console.log(error ? `  could not delete ${l.kind} ${l.name}: ${error}` : `  deleted ${l.kind} ${l.name}`),
    );
    for (const l of result.removed) if (l.lab && l.stage) forgetDeployment(l.lab, l.stage);
    if (result.failed.length) {
      throw new CourseError(
        `${result.failed.length} could not be deleted (above). Fix the cause (often a missing permission), then run \`${next}\` again.`,
      );
    }
    if (stage) forgetStage(stage);
    console.log(
      `\ncourse: deleted ${result.removed.length}. \`${next} --dry-run\` confirms (the tagging index may show deleted things for a few minutes).`,
    );
    return 0;
  },
});
