// The stage `course deploy` picks when none is given: SST's own rule for
// turning a user name into a stage (cmd/sst/main.go, guessStage), plus the
// course's limits.
import { expect, test } from "vitest";
import { MAX_STAGE_LENGTH, resolveStage, sanitiseStage } from "../../course/deploy/stage.ts";

test("a user name becomes a stage as SST makes it: lower case, only letters, digits and -", () => {
  expect(sanitiseStage("Alice")).toBe("alice");
  expect(sanitiseStage("alice.smith")).toBe("alicesmith");
  expect(sanitiseStage("DOMAIN\\bob_jones")).toBe("domainbobjones");
  expect(sanitiseStage("jean-luc")).toBe("jean-luc");
  expect(sanitiseStage("Zoë")).toBe("zo");
  expect(resolveStage(undefined, "deploy 00-first-function", "Alice.Smith")).toBe("alicesmith");
});

test("names SST will not guess, and names that would cut the lab out of resource names, ask for --stage", () => {
  for (const name of ["root", "admin", "prod", "dev", "production", "Root", "..."]) {
    expect(() => resolveStage(undefined, "deploy 00-first-function", name)).toThrow(
      "`npx course deploy 00-first-function --stage <your-name>`",
    );
  }
  expect(() => resolveStage(undefined, "deploy 00-first-function", "maximilian-alexander")).toThrow(
    `longer than ${MAX_STAGE_LENGTH} characters`,
  );
});

test("an explicit --stage is taken as given when SST accepts it", () => {
  expect(resolveStage("workshop-7", "cleanup", "root")).toBe("workshop-7");
  expect(() => resolveStage("a_b", "cleanup")).toThrow('"a_b" is not a stage SST accepts');
  expect(() => resolveStage("", "cleanup")).toThrow("is not a stage SST accepts");
});
