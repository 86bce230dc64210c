// Checkers talk to a lab only as a client of the deployed stack would: the
// HTTP API from the outputs and real AWS API operations — so the same checker
// runs unchanged against AWS.
import fs from "node:fs";
import path from "node:path";
import * as logs from "@aws-sdk/client-cloudwatch-logs";
import * as dynamodb from "@aws-sdk/client-dynamodb";
import * as eventbridge from "@aws-sdk/client-eventbridge";
import * as iam from "@aws-sdk/client-iam";
import * as sns from "@aws-sdk/client-sns";
import * as sqs from "@aws-sdk/client-sqs";
import { expect, test } from "vitest";
import { runChecker } from "../../course/checker/run.ts";
import { startLocalCloud } from "../../course/cloud/local-cloud.ts";
import { freePort } from "../../course/labs/actions.ts";
import { LABS_DIR, loadCatalog } from "../../course/labs/catalog.ts";
import { LOCAL_DIR } from "../../course/paths.ts";

const labs = (await loadCatalog()).filter((m) => m.status === "ready").map((m) => m.slug);
const LAMBDA_REST = /^\/20\d\d-\d\d-\d\d\/functions(\/|$)/;
const sdkHas = (client: Record<string, unknown>, operation: string) => `${operation}Command` in client;

test.each(labs)("%s's checker makes only calls that exist on AWS", { timeout: 120_000 }, async (lab) => {
  for (const from of ["solutions", "labs"] as const) {
    const port = await freePort();
    const outputsFile = path.join(LOCAL_DIR, "outputs", `aws-only-${lab}-${from}-${port}.json`);
    const cloud = await startLocalCloud({ lab, from, port, outputsFile, watch: false });
    try {
      await runChecker({
        target: {
          kind: "local",
          lab,
          outputsFile,
          endpoint: cloud.endpoint,
          region: "us-east-1",
          stage: "local",
          app: cloud.graph().app.name,
          sources: `${from}/${lab}`,
        },
      });
      const calls = cloud.calls();
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        const real =
          (call.service === "dynamodb" && sdkHas(dynamodb, call.operation)) ||
          (call.service === "logs" && sdkHas(logs, call.operation)) ||
          (call.service === "sqs" && sdkHas(sqs, call.operation)) ||
          (call.service === "sns" && sdkHas(sns, call.operation)) ||
          (call.service === "events" && sdkHas(eventbridge, call.operation)) ||
          (call.service === "iam" && sdkHas(iam, call.operation)) ||
          (call.service === "lambda" && LAMBDA_REST.test(call.operation));
        expect(real, `${call.service} ${call.operation}`).toBe(true);
      }
    } finally {
      await cloud.close();
      fs.rmSync(outputsFile, { force: true });
    }
  }
});

test.each(labs)("%s's checker names no local address or local-only path", (lab) => {
  const source = fs.readFileSync(path.join(LABS_DIR, lab, "checker.ts"), "utf8");
  for (const localOnly of ["127.0.0.1", "localhost", "_course", "_aws/", "4566"])
    expect(source).not.toContain(localOnly);
});
