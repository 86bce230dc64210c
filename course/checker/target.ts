// What a checker talks to: the stack's outputs and SDK clients for the target.
// Locally the clients point at the local cloud; on AWS they use the default
// credential chain. Checkers never know which one they got.
import fs from "node:fs";

export interface CheckTarget {
  kind: "local" | "aws";
  lab: string;
  /** the file `sst deploy` (or `course up`) wrote for this lab and stage */
  outputsFile: string;
  /** the local cloud's endpoint; absent on AWS */
  endpoint?: string;
  region: string;
  stage: string;
  /** the SST app name, e.g. "course-00-first-function" */
  app: string;
  /** the lab's code folder relative to the project root, e.g. "labs/01-monolith": where learner-written tests live */
  sources: string;
}

const ENV = "COURSE_CHECK_TARGET";

export function targetToEnv(target: CheckTarget): Record<string, string> {
  return { [ENV]: JSON.stringify(target) };
}

export function currentTarget(): CheckTarget {
  const raw = process.env[ENV];
  if (!raw) throw new Error(`${ENV} is not set: run checkers with \`npx course check <lab>\`.`);
  return JSON.parse(raw) as CheckTarget;
}

/** SDK client settings for the target: the local cloud's endpoint and dummy credentials, or AWS's defaults. */
export function clientConfig(target: CheckTarget) {
  if (target.kind === "aws") return { region: target.region };
  return {
    region: target.region,
    endpoint: target.endpoint,
    credentials: { accessKeyId: "LEARNER", secretAccessKey: "learner" },
  };
}

export function readOutputs(target: CheckTarget): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(target.outputsFile, "utf8")) as Record<string, unknown>;
}
