// Running the SST CLI for a lab. `sst deploy` and `sst remove` need the Pulumi
// CLI, which SST downloads into its config folder the first time it runs (and
// the AWS provider plugin on the first deploy). Without it, and offline, SST
// would try to download and hang or print a Go error; check first and say what
// to install instead.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { CourseError } from "../errors.ts";
import { writeSelectedLab } from "../graph/selected-lab.ts";
import { ROOT } from "../paths.ts";

/** Go's os.UserConfigDir() + "/sst", where SST keeps bin/pulumi (pkg/global/global.go). */
export function sstConfigDir(): string {
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? os.homedir(), "sst");
  if (process.platform === "darwin") return path.join(os.homedir(), "Library", "Application Support", "sst");
  return path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config"), "sst");
}

export function pulumiPath(): string {
  return path.join(sstConfigDir(), "bin", process.platform === "win32" ? "pulumi.exe" : "pulumi");
}

/** The SST CLI of this checkout; COURSE_SST_BIN replaces it in the project's tests. */
export function sstBin(): string {
  return (
    process.env.COURSE_SST_BIN ??
    path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "sst.cmd" : "sst")
  );
}

/** Fail fast, naming what to install, when SST could not deploy from here. */
export function checkSstCanRun(next: string): void {
  if (!fs.existsSync(sstBin())) {
    throw new CourseError(
      `The SST CLI is not installed in this checkout. Run \`npm install\`, then \`${next}\` again.`,
    );
  }
  if (process.env.COURSE_SST_BIN) return; // a stand-in SST brings no Pulumi
  const pulumi = pulumiPath();
  const installHint = `With internet access, run \`npx sst install\` once: SST downloads the Pulumi CLI into ${path.dirname(pulumi)} (and the AWS provider on the first deploy). Then run \`${next}\` again.`;
  if (!fs.existsSync(pulumi)) {
    throw new CourseError(`SST needs the Pulumi CLI to deploy, and ${pulumi} does not exist. ${installHint}`);
  }
  const version = spawnSync(pulumi, ["version"], { encoding: "utf8", timeout: 10_000 });
  if (version.status !== 0) {
    throw new CourseError(
      `The Pulumi CLI at ${pulumi} does not run (${(version.stderr || version.error?.message || "").trim() || `exit ${version.status}`}). Delete it. ${installHint}`,
    );
  }
}

export interface SstRun {
  command: "deploy" | "remove";
  lab: string;
  from: "labs" | "solutions";
  stage: string;
  region: string;
  onLine(line: string): void;
}

/** `sst <command> --stage S` for one lab's app, streaming its output line by line; resolves to its exit code. */
export function runSst(run: SstRun): Promise<number> {
  // SST bundles sst.config.ts itself: the selected lab is the one infra/load-lab.ts imports.
  writeSelectedLab(run.lab, run.from);
  return new Promise((resolve, reject) => {
    const child = spawn(sstBin(), [run.command, "--stage", run.stage], {
      cwd: ROOT,
      env: {
        ...process.env,
        COURSE_LAB: run.lab,
        COURSE_FROM: run.from,
        AWS_REGION: run.region,
        SST_TELEMETRY_DISABLED: process.env.SST_TELEMETRY_DISABLED ?? "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on("line", (line) => run.onLine(line));
    }
    const forward = () => child.kill("SIGINT");
    process.once("SIGINT", forward);
    child.on("error", (err) => {
      process.off("SIGINT", forward);
      reject(new CourseError(`Could not start ${sstBin()}: ${err.message}. Run \`npm install\`, then try again.`));
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      resolve(code ?? (signal ? 130 : 1));
    });
  });
}
