// One lab's infra.ts never breaks another's: the evaluation bundles the selected lab only,
// so a syntax error elsewhere (a learner's half-edited lab, a test's throwaway copy) is unseen.
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { evaluateApp } from "../../course/graph/evaluate.ts";
import { selectedLabModule } from "../../course/graph/selected-lab.ts";
import { ROOT } from "../../course/paths.ts";

const broken = `zz-broken-selected-${process.pid}`;
const brokenDir = path.join(ROOT, "labs", broken);
fs.mkdirSync(brokenDir, { recursive: true });
fs.writeFileSync(path.join(brokenDir, "infra.ts"), "export default function ( {\n");
afterAll(() => fs.rmSync(brokenDir, { recursive: true, force: true }));

test("a lab with a syntax error in another lab's infra.ts still evaluates, and reads no other lab's files", async () => {
  const { graph, inputs } = await evaluateApp({
    lab: "00-first-function",
    from: "labs",
    // a stage of its own: evaluated afresh, never served from an earlier run's cache
    stage: `selected-${process.pid}`,
    edgeUrl: "http://127.0.0.1:1",
  });
  expect(graph.functions.length).toBeGreaterThan(0);
  const labFiles = inputs.filter((file) => /[/\\](labs|solutions)[/\\]/.test(file));
  expect(labFiles.length).toBeGreaterThan(0);
  for (const file of labFiles) expect(file).toContain(path.join("labs", "00-first-function"));
});

test("the broken lab itself is reported as the lab that does not build", async () => {
  await expect(
    evaluateApp({
      lab: "00-first-function",
      folder: broken,
      from: "labs",
      stage: "selected",
      edgeUrl: "http://127.0.0.1:1",
    }),
  ).rejects.toThrow(new RegExp(`${broken}.infra\\.ts`));
});

test("the module sst deploy bundles names the lab, its source and its infra.ts", () => {
  const text = selectedLabModule("03-queues", "solutions", "../../solutions/03-queues/infra");
  expect(text).toContain('export { default } from "../../solutions/03-queues/infra";');
  expect(text).toContain('export const lab = "03-queues";');
  expect(text).toContain('export const from = "solutions";');
});
