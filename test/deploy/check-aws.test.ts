// `course check <lab> --target aws` runs in CI with the local cloud standing
// in for AWS: `course deploy` (with a stand-in SST CLI whose "deployed stack"
// is the running local cloud) keeps the outputs per lab and stage, and the
// check then takes the AWS code path — CheckTarget kind "aws", that outputs
// file, SDK clients on the default credential chain — with AWS_ENDPOINT_URL
// pointing the chain's requests at the local cloud.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type LocalCloud, startLocalCloud } from "../../course/cloud/local-cloud.ts";
import { freePort } from "../../course/lab-runner/actions.ts";
import { type FakeAws, startFakeAws } from "./fake-aws.ts";
import { cleanEnv, course, FAKE_KEYS, writeFakeSst } from "./helpers.ts";

const LAB = "00-first-function";
const STAGE = "ci-aws";
const state = fs.mkdtempSync(path.join(os.tmpdir(), "course-check-aws-"));
let cloud: LocalCloud;
let sts: FakeAws;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  cloud = await startLocalCloud({
    lab: LAB,
    from: "solutions",
    port: await freePort(),
    outputsFile: path.join(state, "cloud-outputs.json"),
    watch: false,
  });
  sts = await startFakeAws();
  env = cleanEnv(state, {
    ...FAKE_KEYS,
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: cloud.endpoint,
    AWS_ENDPOINT_URL_STS: sts.endpoint,
    COURSE_SST_BIN: writeFakeSst(state),
    FAKE_SST_LOG: path.join(state, "sst-calls.jsonl"),
    FAKE_SST_OUTPUTS: cloud.outputsFile,
  });
  const deploy = await course(["deploy", LAB, "--stage", STAGE, "--from", "solutions", "--yes"], env);
  expect(deploy.code, deploy.out).toBe(0);
}, 120_000);

afterAll(async () => {
  await cloud?.close();
  await sts?.close();
  fs.rmSync(state, { recursive: true, force: true });
});

test("the deployed lab passes every step, judged through the AWS target", { timeout: 120_000 }, async () => {
  const before = cloud.calls().length;
  const run = await course(["check", LAB, "--target", "aws", "--stage", STAGE, "--json"], env);
  expect(run.code, run.out).toBe(0);
  const report = JSON.parse(run.out.slice(run.out.indexOf("{")));
  expect(report).toMatchObject({ schemaVersion: 1, lab: LAB, target: "aws", passed: 5, failed: 0 });
  // The checker's SDK calls came with the keys the default chain found, not the local target's fixed ones.
  const keys = new Set(
    cloud
      .calls()
      .slice(before)
      .filter((c) => c.service === "dynamodb")
      .map((c) => c.principal.accessKeyId),
  );
  expect(keys).toContain(FAKE_KEYS.AWS_ACCESS_KEY_ID);
  expect(keys).not.toContain("LEARNER");
  expect(sts.calls).toContain("sts GetCallerIdentity");
});

test("signed in to another account than the one deployed to, the check refuses and says which", async () => {
  sts.identity = { account: "111111111111", arn: "arn:aws:iam::111111111111:user/someone" };
  try {
    const run = await course(["check", LAB, "--target", "aws", "--stage", STAGE], env);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      `Lab ${LAB} at stage ${STAGE} was deployed to account 000000000000, but you are signed in to 111111111111`,
    );
  } finally {
    sts.identity = { account: "000000000000", arn: "arn:aws:iam::000000000000:user/learner" };
  }
});
