// `course deploy` and `course destroy` as a learner meets them, with no AWS
// and no Pulumi here: the preflight's messages for each thing that can be
// missing, a fast clear refusal when SST could not deploy from this machine,
// and — with a stand-in SST CLI (COURSE_SST_BIN) — the whole flow around
// `sst deploy`/`sst remove`: environment, streaming, outputs per lab and stage.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeAws, startFakeAws } from "./fake-aws.ts";
import { cleanEnv, course, FAKE_KEYS, writeFakeSst } from "./helpers.ts";

const LAB = "00-first-function";
const state = fs.mkdtempSync(path.join(os.tmpdir(), "course-deploy-"));
let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws();
});

afterAll(async () => {
  await fake?.close();
  fs.rmSync(state, { recursive: true, force: true });
});

test("deploy, destroy and cleanup explain themselves with --help", async () => {
  const overview = await course(["--help"], cleanEnv(state));
  for (const name of ["deploy", "destroy", "cleanup"]) {
    expect(overview.out).toContain(`  ${name} `);
    const help = await course([name, "--help"], cleanEnv(state));
    expect(help.code).toBe(0);
    expect(help.out).toContain(`Usage: npx course ${name}`);
  }
  const check = await course(["check", "--help"], cleanEnv(state));
  expect(check.out).toContain("--target <value>");
});

describe("before anything is deployed", () => {
  const env = (extra: Record<string, string> = {}) =>
    cleanEnv(state, {
      AWS_ENDPOINT_URL_STS: fake.endpoint,
      XDG_CONFIG_HOME: path.join(state, "empty-config"),
      ...extra,
    });

  test("the cost comes first, and nothing happens without a yes", async () => {
    const run = await course(["deploy", LAB, "--stage", "alice"], env({ AWS_REGION: "eu-west-1", ...FAKE_KEYS }));
    expect(run.code).toBe(1);
    expect(run.out.split("\n")[0]).toContain(`Expected cost of lab ${LAB} on AWS: nothing measurable if you forget`);
    expect(run.out).toContain("Deploy labs/00-first-function to your AWS account now? [y/N]");
    expect(run.out).toContain(`Nothing deployed. Run \`npx course deploy ${LAB} --stage alice --yes\``);
    expect(fake.calls).toEqual([]);
  });

  test("no region: named, with how to set one", async () => {
    const run = await course(["deploy", LAB, "--stage", "alice", "--yes"], env(FAKE_KEYS));
    expect(run.code).toBe(1);
    expect(run.out).toContain("No AWS region is set, and SST would silently pick us-east-1");
    expect(run.out).toContain("`export AWS_REGION=eu-west-1`");
    expect(run.out).toContain(`\`npx course deploy ${LAB} --stage alice\` again`);
  });

  test("no credentials: named, with the commands that make some", async () => {
    const run = await course(["deploy", LAB, "--stage", "alice", "--yes"], env({ AWS_REGION: "eu-west-1" }));
    expect(run.code).toBe(1);
    expect(run.out).toContain("No AWS credentials found. Run `aws configure`");
    expect(run.out).not.toContain("unexpected error");
  });

  test("an expired session: named, with the sign-in command", async () => {
    fake.identity = {
      code: "ExpiredToken",
      message: "The security token included in the request is expired",
      status: 403,
    };
    try {
      const run = await course(
        ["deploy", LAB, "--stage", "alice", "--yes"],
        env({ AWS_REGION: "eu-west-1", ...FAKE_KEYS, AWS_SESSION_TOKEN: "old" }),
      );
      expect(run.code).toBe(1);
      expect(run.out).toContain("Your AWS session has expired (The security token included in the request is expired)");
      expect(run.out).toContain("`aws sso login`");
    } finally {
      fake.identity = { account: "000000000000", arn: "arn:aws:iam::000000000000:user/learner" };
    }
  });

  test("without the Pulumi CLI, it stops at once and names what to install: no stack trace, no hang", async () => {
    const run = await course(
      ["deploy", LAB, "--stage", "alice", "--yes"],
      env({ AWS_REGION: "eu-west-1", ...FAKE_KEYS }),
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain("AWS account 000000000000 as arn:aws:iam::000000000000:user/learner, region eu-west-1");
    expect(run.out).toContain(
      `SST needs the Pulumi CLI to deploy, and ${path.join(state, "empty-config", "sst", "bin", "pulumi")} does not exist`,
    );
    expect(run.out).toContain("run `npx sst install` once");
    expect(run.out).not.toMatch(/unexpected error|\n\s+at /);
    expect(run.ms).toBeLessThan(15_000);
  });

  test("a stage SST would refuse, or that would retain tables, is refused before any AWS call", async () => {
    const calls = fake.calls.length;
    const bad = await course(["deploy", LAB, "--stage", "Bob.Smith", "--yes"], env());
    expect(bad.out).toContain('"Bob.Smith" is not a stage SST accepts');
    expect(bad.out).toContain("--stage bobsmith");
    const production = await course(["deploy", LAB, "--stage", "production", "--yes"], env());
    expect(production.out).toContain('The course never deploys to "production"');
    const long = await course(["deploy", LAB, "--stage", "alexandra-the-great", "--yes"], env());
    expect(long.out).toContain("--stage alexandra-th");
    expect(fake.calls.length).toBe(calls);
  });
});

describe("with a stand-in SST CLI", () => {
  const log = path.join(state, "sst-calls.jsonl");
  const deployed = path.join(state, "deployed-outputs.json");
  let env: NodeJS.ProcessEnv;
  const calls = () =>
    fs
      .readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { argv: string[]; lab: string; from: string; region: string });

  beforeAll(() => {
    fs.writeFileSync(
      deployed,
      JSON.stringify({
        api: "https://abc123.execute-api.eu-west-1.amazonaws.com",
        ordersTable: "course-00-first-function-alice-OrdersTable-x",
      }),
    );
    env = cleanEnv(state, {
      ...FAKE_KEYS,
      AWS_REGION: "eu-west-1",
      AWS_ENDPOINT_URL_STS: fake.endpoint,
      COURSE_SST_BIN: writeFakeSst(state),
      FAKE_SST_LOG: log,
      FAKE_SST_OUTPUTS: deployed,
    });
  });

  test("deploy runs `sst deploy --stage S` for the lab, streams it, and keeps the outputs per lab and stage", async () => {
    const run = await course(["deploy", LAB, "--stage", "alice", "--from", "solutions", "--yes"], env);
    expect(run.code, run.out).toBe(0);
    expect(calls().at(-1)).toEqual({
      argv: ["deploy", "--stage", "alice"],
      lab: LAB,
      from: "solutions",
      region: "eu-west-1",
    });
    expect(run.out).toContain("  │ ➜  App:        course-00-first-function");
    expect(run.out).toContain("  │ ✓  Complete");
    const kept = path.join(state, "deploy", "outputs", LAB, "alice.json");
    expect(JSON.parse(fs.readFileSync(kept, "utf8"))).toEqual(JSON.parse(fs.readFileSync(deployed, "utf8")));
    expect(run.out).toContain(`Next: \`npx course check ${LAB} --target aws --stage alice\``);
    expect(run.out).toContain(`\`npx course destroy ${LAB} --stage alice\``);
    const stages = JSON.parse(fs.readFileSync(path.join(state, "deploy", "stages.json"), "utf8"));
    expect(stages.alice[LAB]).toMatchObject({
      lab: LAB,
      from: "solutions",
      region: "eu-west-1",
      account: "000000000000",
    });
  });

  test("check on a lab the stage does not hold says which it holds", async () => {
    const wrongLab = await course(["check", "01-monolith", "--target", "aws", "--stage", "alice"], env);
    expect(wrongLab.code).toBe(1);
    expect(wrongLab.out).toContain("Stage alice holds lab 00-first-function, not 01-monolith");
    expect(wrongLab.out).toContain("`npx course deploy 01-monolith --stage alice`");
    const wrongStage = await course(["check", LAB, "--target", "aws", "--stage", "bob"], env);
    expect(wrongStage.out).toContain(`Lab ${LAB} is not deployed to stage bob from this checkout`);
  });

  test("a deploy that fails half way names the three ways on", async () => {
    const run = await course(["deploy", LAB, "--stage", "carol", "--yes"], { ...env, FAKE_SST_EXIT: "1" });
    expect(run.code).toBe(1);
    expect(run.out).toContain("  │ ✕  Failed: CREATE_FAILED halfway through");
    expect(run.out).toContain("sst deploy failed (exit 1); part of the lab may exist in your account");
    expect(run.out).toContain(`run \`npx course deploy ${LAB} --stage carol\` again`);
    expect(run.out).toContain(`\`npx course destroy ${LAB} --stage carol\``);
    expect(run.out).toContain("`npx course cleanup --stage carol --dry-run`");
    expect(fs.existsSync(path.join(state, "deploy", "outputs", LAB, "carol.json"))).toBe(false);
  });

  test("destroy asks, then runs `sst remove` for that lab and stage and forgets the outputs", async () => {
    const asked = await course(["destroy", LAB, "--stage", "alice"], env);
    expect(asked.code).toBe(1);
    expect(asked.out).toContain("Nothing removed.");
    const run = await course(["destroy", LAB, "--stage", "alice", "--yes"], env);
    expect(run.code, run.out).toBe(0);
    expect(calls().at(-1)).toEqual({
      argv: ["remove", "--stage", "alice"],
      lab: LAB,
      from: "solutions",
      region: "eu-west-1",
    });
    expect(run.out).toContain("`npx course cleanup --stage alice --dry-run` shows anything left behind");
    expect(fs.existsSync(path.join(state, "deploy", "outputs", LAB, "alice.json"))).toBe(false);
    const check = await course(["check", LAB, "--target", "aws", "--stage", "alice"], env);
    expect(check.out).toContain(`Run \`npx course deploy ${LAB} --stage alice\``);
  });
});
