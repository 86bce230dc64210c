import { defineConfig } from "vitest/config";

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
  },
});
