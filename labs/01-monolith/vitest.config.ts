// The shop's contract tests, run against the API the local cloud (or `sst deploy`) wrote to
// .sst/outputs.json:  npx vitest run --root labs/01-monolith
// The checker runs the same tests against other shops by setting SHOP_API.
import fs from "node:fs";
import { defineConfig } from "vitest/config";

function apiFromOutputs(): string {
  try {
    const outputs = JSON.parse(fs.readFileSync(new URL("../../.sst/outputs.json", import.meta.url), "utf8"));
    return typeof outputs.api === "string" ? outputs.api : "";
  } catch {
    return "";
  }
}

export default defineConfig({
  test: {
    include: ["contract/**/*.test.ts"],
    // a shop on a busy laptop, or a cold function on AWS, may take a few seconds to answer
    testTimeout: 20_000,
    env: { SHOP_API: process.env.SHOP_API || apiFromOutputs() },
  },
});
