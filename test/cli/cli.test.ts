// The `course` command as a learner meets it: help everywhere, and errors that
// name the next command. Each run gets its own running-lab record and progress.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { freePort } from "../../course/lab-runner/actions.ts";
import { ROOT } from "../../course/paths.ts";

const state = fs.mkdtempSync(path.join(os.tmpdir(), "course-cli-"));
const env = {
  ...process.env,
  COURSE_RUNNING_FILE: path.join(state, "running.json"),
  COURSE_PROGRESS_FILE: path.join(state, "progress.json"),
  COURSE_OUTPUTS_FILE: path.join(state, "outputs.json"),
};
afterAll(() => fs.rmSync(state, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
}

function course(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "course/cli/bin.ts"), ...args], { cwd, env });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

const COMMANDS = ["start", "list", "status", "doctor", "up", "down", "check", "hint", "reset", "verify"];

test("every subcommand explains itself with --help", { timeout: 120_000 }, async () => {
  const overview = await course(["--help"]);
  expect(overview.code).toBe(0);
  for (const name of COMMANDS) expect(overview.out).toContain(`  ${name} `);
  const helps = await Promise.all(COMMANDS.map((name) => course([name, "--help"])));
  helps.forEach((help, i) => {
    expect(help.code, COMMANDS[i]).toBe(0);
    expect(help.out).toContain(`Usage: npx course ${COMMANDS[i]}`);
  });
});

test("an unknown command or option shows the usage", async () => {
  const unknown = await course(["deploy-everything"]);
  expect(unknown.code).toBe(2);
  expect(unknown.out).toContain('there is no command "deploy-everything"');
  const badOption = await course(["list", "--colour"]);
  expect(badOption.code).toBe(2);
  expect(badOption.out).toContain("Usage: npx course list");
});

test("check with nothing running names the command that starts the lab", async () => {
  const run = await course(["check", "00-first-function"]);
  expect(run.code).toBe(1);
  expect(run.out).toContain("Nothing is running");
  expect(run.out).toContain("`npx course up 00-first-function`");
});

test("a lab that does not exist, or is only planned, is refused with the next step", async () => {
  const missing = await course(["check", "99-nope"]);
  expect(missing.out).toContain('There is no lab "99-nope". Run `npx course list`');
  const planned = await course(["up", "08-delivery"]);
  expect(planned.code).toBe(1);
  expect(planned.out).toContain("planned, not built yet");
});

test("a taken port is named, with the flag that avoids it", async () => {
  const port = await freePort();
  const blocker = net.createServer().listen(port, "127.0.0.1");
  try {
    const run = await course(["up", "00-first-function", "--port", String(port)]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`Port ${port} on 127.0.0.1 is taken`);
    expect(run.out).toContain(`--port ${port + 1}`);
  } finally {
    blocker.close();
  }
});

test("hints unlock one at a time and stop at the last", async () => {
  const first = await course(["hint", "00-first-function", "create-route"]);
  expect(first.out).toContain("hint 1/2");
  expect(first.out).not.toContain("hint 2/2");
  expect(first.out).toContain("`npx course hint 00-first-function create-route` unlocks the next one");
  const second = await course(["hint", "00-first-function", "create-route"]);
  expect(second.out).toContain("hint 2/2");
  expect(second.out).toContain("That was the last hint");
  const progress = JSON.parse(fs.readFileSync(env.COURSE_PROGRESS_FILE, "utf8"));
  expect(progress["00-first-function"].hintsUsed["create-route"]).toBe(2);
});

test("up serves, a second up names the first, status and down work, from any folder", { timeout: 60_000 }, async () => {
  const port = await freePort();
  const up = spawn(
    process.execPath,
    [
      path.join(ROOT, "course/cli/bin.ts"),
      "up",
      "00-first-function",
      "--from",
      "solutions",
      "--port",
      String(port),
      "--no-watch",
    ],
    { cwd: ROOT, env },
  );
  let out = "";
  up.stdout.on("data", (c) => (out += c));
  const exited = new Promise((r) => up.on("exit", r));
  try {
    await expect.poll(() => out, { timeout: 45_000, interval: 100 }).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+$/m);
    const labDir = path.join(ROOT, "labs/00-first-function/src");
    const second = await course(["up", "00-first-function"], labDir);
    expect(second.code).toBe(1);
    expect(second.out).toContain(`is already running at http://127.0.0.1:${port}`);
    expect(second.out).toContain("`npx course down`");
    const status = await course(["status", "--json"], labDir);
    expect(JSON.parse(status.out).running).toMatchObject({ lab: "00-first-function", from: "solutions", port });
    const check = await course(["check", "00-first-function", "--json"]);
    const report = JSON.parse(check.out);
    expect(check.code).toBe(0);
    expect(report).toMatchObject({ schemaVersion: 1, lab: "00-first-function", target: "local", passed: 5, failed: 0 });
    const events = await course(["check", "00-first-function", "--events"]);
    const lines = events.out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.filter((l) => l.type === "step").map((l) => l.id)).toEqual([
      "health",
      "create-route",
      "create-order",
      "validate-order",
      "get-order",
    ]);
    expect(lines.at(-1)).toEqual({ type: "done", passed: 5, failed: 0 });
    const down = await course(["down"]);
    expect(down.out).toContain("Stopped lab 00-first-function");
    await exited;
  } finally {
    up.kill("SIGKILL");
  }
});

test("doctor checks the machine and names the fix for each problem", async () => {
  const port = await freePort();
  const healthy = await course(["doctor", "--port", String(port)]);
  expect(healthy.out).toContain("SST's platform in .sst/platform");
  expect(healthy.out).toContain(`port ${port} on 127.0.0.1 is free`);
  const blocker = net.createServer().listen(port, "127.0.0.1");
  try {
    const busy = await course(["doctor", "--port", String(port)]);
    expect(busy.code).toBe(1);
    expect(busy.out).toContain(`\`npx course up <lab> --port ${port + 1}\``);
  } finally {
    blocker.close();
  }
});
