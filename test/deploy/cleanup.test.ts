// `course cleanup` against a stand-in AWS holding what lab 00's solution
// creates (read off its SST graph under mocks, tags and names as deployed), one
// of each other kind a later lab makes, and the neighbours it must not touch:
// another stage, another SST app, SST's shared bootstrap.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Evaluation, evaluateApp } from "../../course/graph/evaluate.ts";
import { type FakeAws, startFakeAws } from "./fake-aws.ts";
import { cleanEnv, course, FAKE_KEYS } from "./helpers.ts";

const STAGE = "deploy-check";
const R = "us-east-1";
const A = "000000000000";
const LAB = "00-first-function";
const APP = `course-${LAB}`;
const ASSETS = "sst-asset-abcdefabcdef";
const STATE = "sst-state-abcdefabcdef";
const LAB_BUCKET = `course-08-delivery-${STAGE}-artifacts-abcdefgh`;

const state = fs.mkdtempSync(path.join(os.tmpdir(), "course-cleanup-"));
let fake: FakeAws;
let ev: Evaluation;
let env: NodeJS.ProcessEnv;

const ours = (lab: string, stage = STAGE) => ({
  course: "serverless-course",
  lab,
  stage,
  "sst:app": `course-${lab}`,
  "sst:stage": stage,
});

/** What must survive a cleanup of STAGE. */
const NEIGHBOURS = {
  tagged: [
    `arn:aws:dynamodb:${R}:${A}:table/course-00-first-function-bob-OrdersTable-zzzzzzzz`,
    `arn:aws:dynamodb:${R}:${A}:table/other-app-${STAGE}-Things-zzzzzzzz`,
  ],
  roles: [
    "course-00-first-function-bob-XRole-zzzzzzzz",
    "course-00-first-funct-deploy-check-2-XRole-zzzzzzzz",
    "other-role",
  ],
  parameters: ["/sst/bootstrap", `/sst/passphrase/${APP}/bob`, `/sst/passphrase/other-app/${STAGE}`],
  state: [`app/${APP}/bob.json`, `app/other-app/${STAGE}.json`, `app/${APP}/${STAGE}-2.json`],
};

function seed(): void {
  // Lab 00's solution as `sst deploy` would leave it: SST's provider adds sst:app and sst:stage to our tags.
  for (const r of ev.resources ?? []) {
    if (!r.type.startsWith("aws:") || !r.inputs.tags) continue;
    const tags = { ...r.inputs.tags, "sst:app": APP, "sst:stage": STAGE };
    if (r.type === "aws:iam/role:Role") {
      fake.roles.set(r.inputs.name, {
        arn: r.state.arn,
        tags,
        inline: ["inline"],
        attached: r.inputs.managedPolicyArns ?? [],
      });
    } else if (r.type === "aws:s3/bucketObjectv2:BucketObjectv2") {
      fake.buckets.get(ASSETS)!.add(r.inputs.key); // function code: shared asset bucket, no stage in the key
    } else if (r.type === "aws:apigatewayv2/stage:Stage") {
      fake.tagged.set(`arn:aws:apigateway:${R}::/apis/${r.inputs.apiId}/stages/${r.inputs.name}`, tags);
    } else {
      fake.tagged.set(r.state.arn, tags);
    }
  }
  // One of each kind later labs create, in the same stage.
  const later: [string, Record<string, string>][] = [
    [`arn:aws:sqs:${R}:${A}:course-03-queues-${STAGE}-Orders-abcdefgh`, ours("03-queues")],
    [`arn:aws:lambda:${R}:${A}:event-source-mapping:0f5e2a1c-1111-2222-3333-444455556666`, ours("03-queues")],
    [`arn:aws:sns:${R}:${A}:course-04-events-${STAGE}-Topic-abcdefgh`, ours("04-events")],
    [`arn:aws:events:${R}:${A}:event-bus/course-04-events-${STAGE}-Bus-abcdefgh`, ours("04-events")],
    [
      `arn:aws:events:${R}:${A}:rule/course-04-events-${STAGE}-Bus-abcdefgh/course-04-events-${STAGE}-Rule-abcdefgh`,
      ours("04-events"),
    ],
    [`arn:aws:kinesis:${R}:${A}:stream/course-05-streams-${STAGE}-Stream-abcdefgh`, ours("05-streams")],
    [`arn:aws:states:${R}:${A}:stateMachine:course-06-workflows-${STAGE}-Flow-abcdefgh`, ours("06-workflows")],
    // tagged by SST only (no course tags): found through sst:stage and an app named course-*
    [
      `arn:aws:sqs:${R}:${A}:course-03-queues-${STAGE}-Dlq-abcdefgh`,
      { "sst:app": "course-03-queues", "sst:stage": STAGE },
    ],
  ];
  for (const [arn, tags] of later) fake.tagged.set(arn, tags);
  // A lab's own bucket with more keys than one listing page holds: it must be emptied page by page.
  fake.tagged.set(`arn:aws:s3:::${LAB_BUCKET}`, ours("08-delivery"));
  fake.buckets.set(LAB_BUCKET, new Set(Array.from({ length: 8 }, (_, i) => `artifacts/build-${i}.zip`)));
  // A role a failed deploy left untagged: found by its name.
  fake.roles.set(`course-05-streams-${STAGE}-WorkerRole-abcdefgh`, {
    arn: `arn:aws:iam::${A}:role/course-05-streams-${STAGE}-WorkerRole-abcdefgh`,
    tags: {},
    inline: ["inline"],
    attached: ["arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole"],
  });
  // SST's own per-stage state.
  fake.parameters.set(`/sst/passphrase/${APP}/${STAGE}`, "secret");
  for (const key of [
    `app/${APP}/${STAGE}.json`,
    `history/${APP}/${STAGE}/00000000009223372036-update1.json`,
    `lock/${APP}/${STAGE}.json`,
    `summary/${APP}/${STAGE}/update1.json`,
    `update/${APP}/${STAGE}/update1.json`,
  ]) {
    fake.buckets.get(STATE)!.add(key);
  }
  // Neighbours.
  fake.tagged.set(NEIGHBOURS.tagged[0]!, ours(LAB, "bob"));
  fake.tagged.set(NEIGHBOURS.tagged[1]!, { "sst:app": "other-app", "sst:stage": STAGE });
  fake.roles.set(NEIGHBOURS.roles[0]!, {
    arn: `arn:aws:iam::${A}:role/${NEIGHBOURS.roles[0]}`,
    tags: ours(LAB, "bob"),
    inline: ["inline"],
    attached: [],
  });
  fake.roles.set(NEIGHBOURS.roles[1]!, {
    arn: `arn:aws:iam::${A}:role/${NEIGHBOURS.roles[1]}`,
    tags: {},
    inline: [],
    attached: [],
  });
  fake.roles.set("other-role", { arn: `arn:aws:iam::${A}:role/other-role`, tags: {}, inline: [], attached: [] });
  fake.parameters.set("/sst/bootstrap", JSON.stringify({ version: 3, asset: ASSETS, state: STATE }));
  fake.parameters.set(NEIGHBOURS.parameters[1]!, "secret");
  fake.parameters.set(NEIGHBOURS.parameters[2]!, "secret");
  for (const key of NEIGHBOURS.state) fake.buckets.get(STATE)!.add(key);
}

const snapshot = () => ({
  tagged: [...fake.tagged.keys()].sort(),
  roles: [...fake.roles.keys()].sort(),
  parameters: [...fake.parameters.keys()].sort(),
  buckets: Object.fromEntries([...fake.buckets].map(([b, keys]) => [b, [...keys].sort()])),
});

beforeAll(async () => {
  fake = await startFakeAws();
  fake.buckets.set(ASSETS, new Set());
  fake.buckets.set(STATE, new Set());
  ev = await evaluateApp({ lab: LAB, from: "solutions", stage: STAGE, edgeUrl: "http://127.0.0.1:4999" });
  seed();
  env = cleanEnv(state, { ...FAKE_KEYS, AWS_REGION: R, AWS_ENDPOINT_URL: fake.endpoint });
}, 120_000);

afterAll(async () => {
  await fake?.close();
  fs.rmSync(state, { recursive: true, force: true });
});

test("--dry-run lists every leftover of the stage with its cost risk, and deletes nothing", async () => {
  const before = snapshot();
  const run = await course(["cleanup", "--stage", STAGE, "--dry-run"], env);
  expect(run.code, run.out).toBe(0);
  expect(snapshot()).toEqual(before);
  expect(fake.calls.filter((c) => /Delete|Detach|Remove/.test(c))).toEqual([]);
  for (const kind of [
    "HTTP API",
    "Lambda function",
    "DynamoDB table",
    "CloudWatch log group",
    "IAM role",
    "SQS queue",
    "SNS topic",
    "EventBridge rule",
    "EventBridge bus",
    "Kinesis data stream",
    "Step Functions state machine",
    "Lambda event source mapping",
    "SST passphrase (SSM parameter)",
    "SST state file (S3 object)",
    "S3 bucket",
  ]) {
    expect(run.out).toContain(kind);
  }
  expect(run.out).toMatch(/Kinesis data stream .*\n.*cost risk: COSTS WHILE IT EXISTS.*~\$1 a day/);
  expect(run.out).toContain(`course-05-streams-${STAGE}-WorkerRole-abcdefgh`);
  expect(run.out).toContain(`shared by every SST app here, so never deleted`);
  expect(run.out).toContain(ASSETS);
  for (const neighbour of [...NEIGHBOURS.tagged.map((arn) => arn.split("/").pop()!), ...NEIGHBOURS.roles]) {
    expect(run.out).not.toContain(`${neighbour} `);
  }
  for (const parameter of NEIGHBOURS.parameters.slice(1)) expect(run.out).not.toContain(parameter);
  expect(run.out).toContain(`Nothing deleted (dry run). Delete them with \`npx course cleanup --stage ${STAGE}\``);
  expect(fake.unsigned).toEqual([]);
});

test("a deletion that fails is reported with the command to run again; the rest goes", async () => {
  fake.deny.add("kinesis DeleteStream");
  const run = await course(["cleanup", "--stage", STAGE, "--yes"], env);
  fake.deny.clear();
  expect(run.code, run.out).toBe(1);
  expect(run.out).toContain("could not delete Kinesis data stream");
  expect(run.out).toContain(`1 could not be deleted (above)`);
  expect(run.out).toContain(`run \`npx course cleanup --stage ${STAGE}\` again`);
  expect([...fake.tagged.keys()].filter((arn) => fake.tagged.get(arn)!["sst:stage"] === STAGE)).toEqual([
    `arn:aws:kinesis:${R}:${A}:stream/course-05-streams-${STAGE}-Stream-abcdefgh`,
    NEIGHBOURS.tagged[1],
  ]);
});

test("run again, it leaves nothing of the stage, and every neighbour as it was", async () => {
  const run = await course(["cleanup", "--stage", STAGE, "--yes"], env);
  expect(run.code, run.out).toBe(0);
  expect(run.out).toContain("deleted Kinesis data stream");
  const after = snapshot();
  expect(after.tagged).toEqual([...NEIGHBOURS.tagged].sort());
  expect(after.roles).toEqual([...NEIGHBOURS.roles].sort());
  expect(after.parameters).toEqual([...NEIGHBOURS.parameters].sort());
  expect(after.buckets[STATE]).toEqual([...NEIGHBOURS.state].sort());
  expect(after.buckets[ASSETS]!.length).toBe(3); // the shared asset bucket keeps the function code zips
  expect(after.buckets[LAB_BUCKET], "the lab's bucket, emptied past its first listing page, then deleted").toBe(
    undefined,
  );
  expect(fake.unsigned).toEqual([]);

  const again = await course(["cleanup", "--stage", STAGE, "--dry-run"], env);
  expect(again.code).toBe(0);
  expect(again.out).toContain(`nothing of stage ${STAGE} is left in ${R}`);
});

test("--all-stages finds the other stages of the course, and still no other app", async () => {
  const run = await course(["cleanup", "--all-stages", "--dry-run"], env);
  expect(run.code, run.out).toBe(0);
  expect(run.out).toContain("course-00-first-function-bob-OrdersTable-zzzzzzzz");
  expect(run.out).toContain("course-00-first-function-bob-XRole-zzzzzzzz");
  expect(run.out).toContain(`/sst/passphrase/${APP}/bob`);
  expect(run.out).not.toContain("other-app");
  expect(run.out).not.toContain("other-role");
});
