import { defineConfig } from "vitest/config";

// The project's own tests. Lab checkers are run by `course check`, not here.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
