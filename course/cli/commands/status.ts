import { readRunning } from "../../cloud/registry.ts";
import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "status",
  summary: "Show which lab's local cloud is running, and where.",
  usage: "status [--json]",
  options: { json: { type: "boolean", description: "print JSON for programs" } },
  async run({ values }) {
    const running = readRunning() ?? null;
    if (values.json) {
      console.log(JSON.stringify({ running }, null, 2));
      return 0;
    }
    if (!running) {
      console.log("Nothing is running. Start a lab with `npx course up 00-first-function`.");
      return 0;
    }
    console.log(
      `Lab ${running.lab} (${running.from}) is running at ${running.endpoint}, pid ${running.pid}, since ${running.startedAt}.`,
    );
    console.log(`Check it with \`npx course check ${running.lab}\`; stop it with \`npx course down\`.`);
    return 0;
  },
});
