// Files a lab carries from an earlier lab are declared in its manifest and stay byte for byte
// the earlier lab's finished code, in the starter and in the solution; the README lists them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadCatalog } from "../../course/lab-runner/catalog.ts";
import { ROOT } from "../../course/paths.ts";

const labs = (await loadCatalog()).filter((lab) => lab.carried);

test("the labs that build on earlier ones declare what they carry", () => {
  expect(labs.map((lab) => lab.slug)).toEqual(["02-microservices", "03-queues", "04-events"]);
});

describe.each(labs.map((lab) => [lab.slug, lab] as const))("lab %s", (slug, lab) => {
  const carried = lab.carried ?? { from: "", files: [] };

  test("carries from an earlier lab", () => {
    expect(carried.from < slug, `${carried.from} comes before ${slug}`).toBe(true);
  });

  test.each(carried.files)("%s is the earlier solution's file, in the starter and the solution", (file) => {
    const original = fs.readFileSync(path.join(ROOT, "solutions", carried.from, file));
    for (const from of ["labs", "solutions"]) {
      const copy = fs.readFileSync(path.join(ROOT, from, slug, file));
      expect(copy.equals(original), `${from}/${slug}/${file} differs from solutions/${carried.from}/${file}`).toBe(
        true,
      );
    }
  });

  test("its README lists every carried file", () => {
    const readme = fs.readFileSync(path.join(ROOT, "labs", slug, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Carried from lab"));
    expect(section.length).toBeLessThan(readme.length);
    for (const file of carried.files) expect(section).toContain(`\`${file}\``);
  });
});
