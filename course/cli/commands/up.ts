import { DEFAULT_PORT } from "../../cloud/defaults.ts";
import { CourseError } from "../../errors.ts";
import { defineCommand } from "../command.ts";

/**
 * Function logs arrive a few lines per request; one write per event-loop turn
 * instead of one per line keeps a busy cloud's terminal cheap.
 */
function batchedLines(format: (line: string) => string): (line: string) => void {
  let pending: string[] = [];
  return (line) => {
    if (pending.length === 0) {
      setImmediate(() => {
        process.stdout.write(`${pending.join("\n")}\n`);
        pending = [];
      });
    }
    pending.push(format(line));
  };
}

export default defineCommand({
  name: "up",
  summary: "Run a lab in the local cloud, from its SST definition, until you stop it (Ctrl-C or `npx course down`).",
  usage: "up <lab> [--from labs|solutions] [--port N]",
  options: {
    from: {
      type: "string",
      default: "labs",
      description: "labs (your starter, default) or solutions (the finished lab)",
    },
    port: { type: "string", default: String(DEFAULT_PORT), description: "the edge endpoint's port on 127.0.0.1" },
    "no-watch": { type: "boolean", description: "do not reload on save" },
  },
  async run({ positionals, values }) {
    // Loaded on first use, so `course --help` starts fast.
    const { upLab } = await import("../../lab-runner/actions.ts");
    const lab = positionals[0];
    if (!lab)
      throw new CourseError("Which lab? e.g. `npx course up 00-first-function` (`npx course list` shows them).");
    const from = values.from;
    if (from !== "labs" && from !== "solutions") throw new CourseError("--from takes `labs` or `solutions`.");
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new CourseError("--port takes a number from 1 to 65535.");
    console.log(`course: evaluating ${from}/${lab} with SST …`);
    const cloud = await upLab({
      lab,
      from,
      port,
      watch: !values["no-watch"],
      onLog: batchedLines((line) => `  │ ${line}`),
    });
    const g = cloud.graph();
    console.log(
      `course: ${g.functions.length} functions, ${g.tables.length} tables, ${g.httpApis.length} HTTP APIs (${cloud.startup.cachedGraph ? "graph from cache" : "graph evaluated"}, ${cloud.startup.ms} ms)`,
    );
    for (const [key, value] of Object.entries(g.outputs))
      console.log(`course: output ${key} = ${JSON.stringify(value)}`);
    console.log(`ready ${cloud.endpoint}`);
    console.log(`course: next, in another terminal: \`npx course check ${lab}\`. Ctrl-C stops.`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        console.log("course: stopping …");
        void cloud.close().then(resolve);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
});
