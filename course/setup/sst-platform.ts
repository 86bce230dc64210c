// Unpack SST's platform into .sst/platform without touching the internet:
// SST's dependency check (which downloads Pulumi) is skipped, and providers are
// installed with the bun binary that npm already brought.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PLATFORM_DIR, ROOT } from "../paths.ts";

export function sstEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SST_SKIP_DEPENDENCY_CHECK: "1",
    SST_TELEMETRY_DISABLED: "1",
    SST_BUN_PATH: path.join(ROOT, "node_modules", "bun", "bin", "bun.exe"),
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

export function platformInstalled(): boolean {
  const version = path.join(PLATFORM_DIR, "version");
  if (!fs.existsSync(version)) return false;
  const wanted = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "sst", "package.json"), "utf8")) as {
    version: string;
  };
  return fs.readFileSync(version, "utf8").trim() === wanted.version;
}

export function installPlatform(): void {
  const sst = path.join(ROOT, "node_modules", ".bin", "sst");
  const result = spawnSync(sst, ["install", "--stage", "local"], { cwd: ROOT, env: sstEnv(), encoding: "utf8" });
  if (result.status !== 0 || !fs.existsSync(path.join(PLATFORM_DIR, "src"))) {
    throw new Error(`\`sst install\` failed:\n${result.stdout}${result.stderr}`);
  }
}
