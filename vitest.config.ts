import { defineConfig } from "vitest/config";
import type { TestSpecification } from "vitest/node";
import { BaseSequencer } from "vitest/node";

/**
 * Vitest starts the largest files first, and the longest files here are the smallest:
 * test/checkers/NN-slug/dev.test.ts, three lines each that run a lab's whole dev check.
 * Starting them first, later labs (heavier) before earlier ones, keeps them from
 * finishing alone at the end of the run.
 */
class LabsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const lab = (spec: TestSpecification) => /\/checkers\/(\d\d)-[^/]+\/dev\.test\.ts$/.exec(spec.moduleId)?.[1];
    const labs = sorted.filter(lab).sort((a, b) => Number(lab(b)) - Number(lab(a)));
    return [...labs, ...sorted.filter((spec) => !lab(spec))];
  }
}

// The project's own tests. Lab checkers are run by `course check`, not here.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default on 2 cores is one worker; most tests wait on local clouds and child
    // processes rather than compute, so three files at a time roughly halves the run.
    maxWorkers: 3,
    sequence: { sequencer: LabsFirst },
    // A page in Chromium, with other files running beside it, can take seconds to settle:
    // expect.poll waits up to 10 s (Vitest's default is 1 s) and still passes as soon as it holds.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
