import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "list",
  summary: "List the labs, whether each is ready, and your progress.",
  usage: "list [--json]",
  options: { json: { type: "boolean", description: "print JSON for programs" } },
  async run({ values }) {
    // Loaded on first use, so `course --help` starts fast.
    const { labStatuses } = await import("../../lab-runner/actions.ts");
    const labs = await labStatuses();
    if (values.json) {
      console.log(JSON.stringify(labs, null, 2));
      return 0;
    }
    for (const lab of labs) {
      const progress = lab.status === "ready" ? `${lab.progress.passed.length}/${lab.steps} steps` : "planned";
      console.log(`${lab.slug.padEnd(20)} ${lab.title.padEnd(28)} ${String(lab.minutes).padStart(3)} min  ${progress}`);
    }
    const first = labs.find((l) => l.status === "ready" && l.progress.passed.length < l.steps);
    if (first)
      console.log(
        `\nNext: \`npx course up ${first.slug}\`, then \`npx course check ${first.slug}\` in another terminal.`,
      );
    return 0;
  },
});
