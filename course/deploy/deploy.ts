// `course deploy` and `course destroy`: one lab's SST app, in the learner's own
// account, under their own stage. Cost first, then region and credentials,
// then SST; afterwards the outputs are kept per lab and stage for `check`.
import fs from "node:fs";
import { CourseError } from "../errors.ts";
import { loadManifest } from "../lab-runner/catalog.ts";
import type { LabManifest } from "../lab-runner/manifest.ts";
import { OUTPUTS_FILE } from "../paths.ts";
import { callerIdentity, type Identity, resolveRegion } from "./aws.ts";
import { checkSstCanRun, runSst } from "./sst.ts";
import { type Deployment, deploymentOf, forgetDeployment, labsAt, recordDeployment } from "./store.ts";

export interface DeployIo {
  say(line: string): void;
  /** ask a yes/no question; resolves true for yes */
  confirm(question: string): Promise<boolean>;
}

export interface DeployOptions {
  lab: string;
  from: "labs" | "solutions";
  stage: string;
  yes: boolean;
}

/** "about $1.00 a day if you forget it" and why, from the manifest's `cost`. */
export function costStatement(manifest: LabManifest): string {
  if (!manifest.cost) {
    return `Lab ${manifest.slug} has no cost estimate yet: assume it costs money until you remove it.`;
  }
  const { perDayUsd, basis } = manifest.cost;
  const amount = perDayUsd === 0 ? "nothing measurable" : `about $${perDayUsd.toFixed(2)} a day`;
  return `Expected cost of lab ${manifest.slug} on AWS: ${amount} if you forget to remove it (${basis}).`;
}

async function preflight(next: string, io: DeployIo): Promise<Identity> {
  const region = await resolveRegion(next);
  const identity = await callerIdentity(region, next);
  io.say(`course: AWS account ${identity.account} as ${identity.arn}, region ${region}`);
  return identity;
}

export async function deployLab(options: DeployOptions, io: DeployIo): Promise<Deployment> {
  const { lab, from, stage } = options;
  const manifest = await loadManifest(lab);
  if (manifest.status !== "ready") {
    throw new CourseError(
      `Lab ${lab} is planned, not built yet. Run \`npx course list\` to see the labs you can deploy.`,
    );
  }
  const next = `npx course deploy ${lab} --stage ${stage}`;
  io.say(`course: ${costStatement(manifest)}`);
  io.say(
    `course: it deploys as app course-${lab}, stage ${stage}; \`npx course destroy ${lab} --stage ${stage}\` removes it.`,
  );
  if (!options.yes && !(await io.confirm(`Deploy ${from}/${lab} to your AWS account now? [y/N] `))) {
    throw new CourseError(`Nothing deployed. Run \`${next} --yes\` when you are ready.`);
  }
  const identity = await preflight(next, io);
  checkSstCanRun(next);

  const started = Date.now();
  io.say(`course: sst deploy --stage ${stage} (this takes a few minutes the first time) …`);
  const code = await runSst({
    command: "deploy",
    lab,
    from,
    stage,
    region: identity.region,
    onLine: (line) => io.say(`  │ ${line}`),
  });
  if (code !== 0) {
    throw new CourseError(
      `sst deploy failed (exit ${code}); part of the lab may exist in your account. Fix what SST reported and run \`${next}\` again (SST picks up where it stopped), or remove it all with \`npx course destroy ${lab} --stage ${stage}\`; \`npx course cleanup --stage ${stage} --dry-run\` lists what is left.`,
    );
  }
  if (!fs.existsSync(OUTPUTS_FILE) || fs.statSync(OUTPUTS_FILE).mtimeMs < started - 1000) {
    throw new CourseError(
      `sst deploy succeeded but wrote no ${OUTPUTS_FILE}. Run \`${next}\` again; if that does not help, \`npx sst version\` must print ${"4.x"}.`,
    );
  }
  const deployment = recordDeployment(
    { lab, from, stage, region: identity.region, account: identity.account, deployedAt: new Date().toISOString() },
    OUTPUTS_FILE,
  );
  const outputs = JSON.parse(fs.readFileSync(deployment.outputsFile, "utf8")) as Record<string, unknown>;
  for (const [key, value] of Object.entries(outputs)) io.say(`course: output ${key} = ${JSON.stringify(value)}`);
  io.say(`course: deployed. Next: \`npx course check ${lab} --target aws --stage ${stage}\`.`);
  io.say(
    `course: when you are done: \`npx course destroy ${lab} --stage ${stage}\` (${costStatement(manifest).replace(/^Expected cost of lab [^:]+: /, "")})`,
  );
  return deployment;
}

export interface DestroyOptions {
  lab: string;
  stage: string;
  yes: boolean;
}

export async function destroyLab(options: DestroyOptions, io: DeployIo): Promise<void> {
  const { lab, stage } = options;
  await loadManifest(lab);
  const next = `npx course destroy ${lab} --stage ${stage}`;
  const known = deploymentOf(lab, stage);
  if (!known) {
    const others = labsAt(stage).map((d) => d.lab);
    io.say(
      others.length
        ? `course: this checkout deployed ${others.join(", ")} to stage ${stage}, not ${lab}; removing course-${lab} anyway, in case it was deployed from elsewhere.`
        : `course: this checkout has no record of ${lab} at stage ${stage}; removing course-${lab} anyway, in case it was deployed from elsewhere.`,
    );
  }
  if (
    !options.yes &&
    !(await io.confirm(`Remove app course-${lab}, stage ${stage}, and everything in it (tables included)? [y/N] `))
  ) {
    throw new CourseError(`Nothing removed. Run \`${next} --yes\` to remove it.`);
  }
  const identity = await preflight(next, io);
  if (known && known.account !== identity.account) {
    throw new CourseError(
      `Lab ${lab} at stage ${stage} was deployed to account ${known.account}, but you are signed in to ${identity.account}. Sign in to ${known.account}, then run \`${next}\` again.`,
    );
  }
  checkSstCanRun(next);
  const code = await runSst({
    command: "remove",
    lab,
    from: known?.from ?? "labs",
    stage,
    region: known?.region ?? identity.region,
    onLine: (line) => io.say(`  │ ${line}`),
  });
  if (code !== 0) {
    throw new CourseError(
      `sst remove failed (exit ${code}). Run \`${next}\` again; if it keeps failing, \`npx course cleanup --stage ${stage} --dry-run\` lists what is left and \`npx course cleanup --stage ${stage}\` deletes it.`,
    );
  }
  forgetDeployment(lab, stage);
  io.say(
    `course: removed course-${lab} at stage ${stage}. \`npx course cleanup --stage ${stage} --dry-run\` shows anything left behind.`,
  );
}
