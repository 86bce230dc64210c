// What holds for every lab at once: each ready lab has its dev-check file, and
// no checker names a local address or a local-only path (it must run against AWS).
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { CHECKERS_DIR, loadCatalog } from "../../course/lab-runner/catalog.ts";

const ready = (await loadCatalog()).filter((m) => m.status === "ready").map((m) => m.slug);

test.each(ready)("%s has its dev-check file test/checkers/<slug>/dev.test.ts", (lab) => {
  expect(fs.existsSync(path.join(CHECKERS_DIR, lab, "dev.test.ts"))).toBe(true);
});

test.each(ready)("%s's checker names no local address or local-only path", (lab) => {
  const source = fs.readFileSync(path.join(CHECKERS_DIR, lab, "checker.ts"), "utf8");
  for (const localOnly of ["127.0.0.1", "localhost", "_course", "_aws/", "4566"])
    expect(source).not.toContain(localOnly);
});
