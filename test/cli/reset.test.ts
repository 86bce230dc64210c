// `course reset` restores the starter as shipped — upstream's version — even
// after the learner committed work, and asks first. Run in a clone of the repo.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ROOT } from "../../course/paths.ts";

const clone = fs.mkdtempSync(path.join(os.tmpdir(), "course-reset-"));
const starter = path.join("labs", "00-first-function", "src", "orders.ts");
const shipped = fs.readFileSync(path.join(ROOT, starter), "utf8");
const git = (...args: string[]) => spawnSync("git", ["-C", clone, ...args], { encoding: "utf8" });

beforeAll(() => {
  spawnSync("git", ["clone", "--quiet", ROOT, clone]);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(clone, "node_modules"));
  // The clone gets the working tree's starter, so the test holds before this file is committed too.
  fs.writeFileSync(path.join(clone, starter), shipped);
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "--quiet", "-am", "as shipped");
  git("update-ref", "refs/remotes/origin/main", "HEAD");
  git("update-ref", "refs/remotes/origin/HEAD", "HEAD");
  fs.writeFileSync(path.join(clone, starter), "// my work\n");
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "--quiet", "-am", "learner's work");
});
afterAll(() => fs.rmSync(clone, { recursive: true, force: true }));

function reset(args: string[], answer: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(clone, "course/cli/bin.ts"), "reset", "00-first-function", ...args],
      {
        cwd: clone,
      },
    );
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.stdin.end(answer);
    child.on("exit", () => resolve(out));
  });
}

test("it asks first, and no means nothing changes", async () => {
  const out = await reset([], "n\n");
  expect(out).toContain("Continue? [y/N]");
  expect(out).toContain("Nothing changed.");
  expect(fs.readFileSync(path.join(clone, starter), "utf8")).toBe("// my work\n");
});

test("yes restores the starter as shipped, even though the learner committed", async () => {
  const out = await reset(["--yes"], "");
  expect(out).toContain("Restored labs/00-first-function from refs/remotes/origin/HEAD");
  expect(fs.readFileSync(path.join(clone, starter), "utf8")).toBe(shipped);
});
