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
    // A page in Chromium, with other files running beside it, can take seconds to settle:
    // expect.poll waits up to 10 s (Vitest's default is 1 s) and still passes as soon as it holds.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
