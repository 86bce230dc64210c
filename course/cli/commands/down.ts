import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "down",
  summary: "Stop the running local cloud.",
  usage: "down",
  options: {},
  async run() {
    // Loaded on first use, so `course --help` starts fast.
    const { downLab } = await import("../../lab-runner/actions.ts");
    const stopped = await downLab();
    console.log(stopped ? `Stopped lab ${stopped.lab} (pid ${stopped.pid}).` : "Nothing was running.");
    return 0;
  },
});
