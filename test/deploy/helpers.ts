// Running `npx course …` against a stand-in AWS: a clean environment with no
// real profile or keys, state files of its own, and the endpoints given.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../../course/paths.ts";

export interface Run {
  code: number | null;
  out: string;
  ms: number;
}

/** Everything but the AWS_* of this machine, with the test's own course state. */
export function cleanEnv(state: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("AWS_")) env[key] = value;
  return {
    ...env,
    AWS_CONFIG_FILE: path.join(state, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(state, "no-aws-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    COURSE_DEPLOY_DIR: path.join(state, "deploy"),
    COURSE_RUNNING_FILE: path.join(state, "running.json"),
    COURSE_PROGRESS_FILE: path.join(state, "progress.json"),
    COURSE_OUTPUTS_FILE: path.join(state, "outputs.json"),
    SST_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

/** Keys the stand-ins accept; the default credential chain finds them in the environment. */
export const FAKE_KEYS = { AWS_ACCESS_KEY_ID: "AKIACHECKAWS", AWS_SECRET_ACCESS_KEY: "fake-secret" };

export function course(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "course/cli/bin.ts"), ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("exit", (code) => resolve({ code, out, ms: Date.now() - started }));
  });
}

/** A stand-in for `sst`: logs how it was called, streams a few lines, writes outputs like `sst deploy`. */
export function writeFakeSst(dir: string): string {
  const file = path.join(dir, "fake-sst.mjs");
  fs.writeFileSync(
    file,
    `#!/usr/bin/env node
import fs from "node:fs";
const argv = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_SST_LOG, JSON.stringify({ argv, lab: process.env.COURSE_LAB, from: process.env.COURSE_FROM, region: process.env.AWS_REGION }) + "\\n");
console.log("SST 4.17.1  ready!");
console.log("➜  App:        course-" + process.env.COURSE_LAB);
console.log("   Stage:      " + argv[2]);
if (process.env.FAKE_SST_EXIT) {
  console.error("✕  Failed: CREATE_FAILED halfway through");
  process.exit(Number(process.env.FAKE_SST_EXIT));
}
if (argv[0] === "deploy") fs.copyFileSync(process.env.FAKE_SST_OUTPUTS, process.env.COURSE_OUTPUTS_FILE);
console.log("✓  Complete");
`,
  );
  fs.chmodSync(file, 0o755);
  return file;
}
