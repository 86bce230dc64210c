// Chapter 02 must keep chapter 01's public contract: the contract tests it
// ships are chapter 01's, byte for byte, in the starter and in the solution.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "../../course/paths.ts";

const contractOf = (folder: string) => {
  const dir = path.join(ROOT, folder, "contract");
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
};

test.each(["labs/02-microservices", "solutions/02-microservices"])(
  "%s ships chapter 01's contract unchanged",
  (folder) => {
    const chapter01 = contractOf("solutions/01-monolith");
    expect(Object.keys(chapter01).length).toBeGreaterThan(0);
    expect(contractOf(folder)).toEqual(chapter01);
  },
);
