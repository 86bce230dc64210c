// What the course remembers about deployed stages, beside SST's own state:
// each lab's outputs per stage (`sst deploy` overwrites .sst/outputs.json on
// every deploy, whatever the lab), and which labs a stage holds, so `check`
// and `destroy` can say "stage alice holds lab 00, not 01".
import fs from "node:fs";
import path from "node:path";
import { SST_DIR } from "../paths.ts";

/** COURSE_DEPLOY_DIR lets the project's tests keep their own records. */
export const DEPLOY_DIR = process.env.COURSE_DEPLOY_DIR ?? path.join(SST_DIR, "course");
const STAGES_FILE = path.join(DEPLOY_DIR, "stages.json");

export interface Deployment {
  lab: string;
  from: "labs" | "solutions";
  stage: string;
  region: string;
  account: string;
  deployedAt: string;
  outputsFile: string;
}

type Stages = Record<string, Record<string, Deployment>>;

export function outputsFileFor(lab: string, stage: string): string {
  return path.join(DEPLOY_DIR, "outputs", lab, `${stage}.json`);
}

function readStages(): Stages {
  try {
    return JSON.parse(fs.readFileSync(STAGES_FILE, "utf8")) as Stages;
  } catch {
    return {};
  }
}

function writeStages(stages: Stages): void {
  fs.mkdirSync(DEPLOY_DIR, { recursive: true });
  fs.writeFileSync(STAGES_FILE, `${JSON.stringify(stages, null, 2)}\n`);
}

/** Keep a copy of what `sst deploy` wrote, under this lab and stage, and note that the stage holds the lab. */
export function recordDeployment(deployment: Omit<Deployment, "outputsFile">, sstOutputs: string): Deployment {
  const outputsFile = outputsFileFor(deployment.lab, deployment.stage);
  fs.mkdirSync(path.dirname(outputsFile), { recursive: true });
  fs.copyFileSync(sstOutputs, outputsFile);
  const stages = readStages();
  const record = { ...deployment, outputsFile };
  stages[deployment.stage] = { ...stages[deployment.stage], [deployment.lab]: record };
  writeStages(stages);
  return record;
}

export function deploymentOf(lab: string, stage: string): Deployment | undefined {
  const record = readStages()[stage]?.[lab];
  return record && fs.existsSync(record.outputsFile) ? record : undefined;
}

/** The labs this checkout deployed to a stage. */
export function labsAt(stage: string): Deployment[] {
  return Object.values(readStages()[stage] ?? {});
}

export function forgetDeployment(lab: string, stage: string): void {
  const stages = readStages();
  const record = stages[stage]?.[lab];
  if (!record) return;
  fs.rmSync(record.outputsFile, { force: true });
  delete stages[stage]![lab];
  if (Object.keys(stages[stage]!).length === 0) delete stages[stage];
  writeStages(stages);
}

/** After `cleanup` removed a whole stage. */
export function forgetStage(stage: string): void {
  for (const d of labsAt(stage)) forgetDeployment(d.lab, stage);
}
