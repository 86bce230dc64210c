// `course up` on an infra.ts that SST itself refuses: the learner sees SST's
// words, which file to fix, and the command to run again — not a stack trace.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { ROOT } from "../../course/paths.ts";

const state = fs.mkdtempSync(path.join(os.tmpdir(), "course-up-errors-"));
process.env.COURSE_RUNNING_FILE = path.join(state, "running.json");
const { freePort, upLab } = await import("../../course/lab-runner/actions.ts");
const folder = "zz-duplicate-names";
const dir = path.join(ROOT, "labs", folder);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(state, { recursive: true, force: true });
});

test("two components with one name: SST's message, the file, and the next command", { timeout: 60_000 }, async () => {
  fs.cpSync(path.join(ROOT, "solutions", "01-monolith"), dir, { recursive: true });
  const infra = path.join(dir, "infra.ts");
  fs.writeFileSync(
    infra,
    fs.readFileSync(infra, "utf8").replace('new sst.aws.Function("Monolith"', 'new sst.aws.Function("Shop"'),
  );
  const up = upLab({ lab: "01-monolith", from: "labs", port: await freePort(), folder, watch: false });
  await expect(up).rejects.toMatchObject({ name: "CourseError" });
  await expect(up).rejects.toThrow(
    /^labs\/zz-duplicate-names\/infra\.ts has a problem, so nothing was started:\n {2}.*Component name Shop is not unique[\s\S]*\nFix it, then run `npx course up 01-monolith` again\.$/,
  );
});
