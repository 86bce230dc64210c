import { CourseError } from "../../errors.ts";
import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "start",
  summary: "Open the course: build the site if needed and serve it with the companion API on 127.0.0.1.",
  usage: "start [--port N]",
  options: { port: { type: "string", default: "4321", description: "the site's port on 127.0.0.1" } },
  async run({ values }) {
    // Loaded on first use, so `course --help` starts fast.
    const { startCompanion } = await import("../../companion/server.ts");
    const { buildSite, siteIsStale } = await import("../../companion/site-build.ts");
    const port = Number(values.port);
    if (siteIsStale()) {
      console.log("course: building the site …");
      buildSite();
    }
    let companion: Awaited<ReturnType<typeof startCompanion>>;
    try {
      companion = await startCompanion(port, (line) => console.log(`  │ ${line}`));
    } catch {
      throw new CourseError(`Port ${port} is taken. Run \`npm start -- --port ${port + 1}\`.`);
    }
    console.log(`course: open ${companion.url}/ in your browser. Ctrl-C stops.`);
    await new Promise<void>((resolve) => {
      const stop = () => void companion.close().then(resolve);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
});
