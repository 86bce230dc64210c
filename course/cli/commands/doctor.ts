import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { DEFAULT_PORT } from "../../cloud/defaults.ts";
import { readRunning } from "../../cloud/registry.ts";
import { SST_ENV_FILE } from "../../setup/sst-env-types.ts";
import { platformInstalled } from "../../setup/sst-platform.ts";
import { defineCommand } from "../command.ts";

interface Finding {
  ok: boolean;
  what: string;
  fix: string;
}

export default defineCommand({
  name: "doctor",
  summary: "Check this machine for what the labs need, and name the command that fixes each problem.",
  usage: "doctor [--port N]",
  options: { port: { type: "string", default: String(DEFAULT_PORT), description: "the port `course up` will use" } },
  async run({ values }) {
    // Loaded on first use, so `course --help` starts fast.
    const { portFree } = await import("../../lab-runner/actions.ts");
    const port = Number(values.port);
    const major = Number(process.versions.node.split(".")[0]);
    const running = readRunning();
    const findings: Finding[] = [
      {
        ok: major >= 24,
        what: `Node ${process.version} (the labs need 24, as Lambda's nodejs24.x)`,
        fix: "run `npm install` in the checkout: it brings Node 24 for every `npm run` and `npx` command",
      },
      {
        ok: platformInstalled(),
        what: "SST's platform in .sst/platform",
        fix: "run `npm install` (it runs `sst install` offline)",
      },
      {
        ok: fs.existsSync(SST_ENV_FILE),
        what: "sst-env.d.ts (typings for `Resource`)",
        fix: "run `npm install` again",
      },
      {
        ok: running !== undefined || (await portFree(port)),
        what: running ? `port ${port}: lab ${running.lab} is running there` : `port ${port} on 127.0.0.1 is free`,
        fix: `another program holds port ${port} (LocalStack uses 4566 too): stop it, or use \`npx course up <lab> --port ${port + 1}\``,
      },
      {
        ok: spawnSync("git", ["--version"]).status === 0,
        what: "git (for `course reset`)",
        fix: "install git with your system's package manager",
      },
    ];
    for (const f of findings) console.log(`${f.ok ? "ok  " : "FIX "} ${f.what}${f.ok ? "" : `\n      → ${f.fix}`}`);
    const bad = findings.filter((f) => !f.ok).length;
    console.log(
      bad === 0
        ? "\nAll good. Next: `npx course up 00-first-function`."
        : `\n${bad} thing(s) to fix, each with its command above.`,
    );
    return bad === 0 ? 0 : 1;
  },
});
