// Every planted mistake fails the step it should, with the output in its golden
// file. UPDATE_GOLDEN=1 rewrites the golden files after a deliberate change.
import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { loadCatalog } from "../../course/labs/catalog.ts";
import { checkMistake, goldenText, mistakesOf } from "../../course/labs/mistakes.ts";

const labs = (await loadCatalog()).filter((m) => m.status === "ready");

describe.each(labs.map((m) => m.slug))("planted mistakes of %s", (lab) => {
  const mistakes = mistakesOf(lab);

  test("there are at least four", () => {
    expect(mistakes.length).toBeGreaterThanOrEqual(4);
  });

  test.each(mistakes.map((m) => [m.name, m] as const))(
    "%s fails the right step",
    { timeout: 60_000 },
    async (_, mistake) => {
      const report = await checkMistake(mistake);
      const text = goldenText(report);
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(mistake.goldenFile, text);
      expect(report.failed).toBeGreaterThan(0);
      expect(text).toBe(fs.readFileSync(mistake.goldenFile, "utf8"));
    },
  );
});
