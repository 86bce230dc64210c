// The dev checks of one lab, rustlings-style, in one file per lab so that the
// labs are checked side by side: the solution passes every step, the starter
// fails each step it should, the checker makes only calls that exist on AWS,
// and every planted mistake fails the right step with its golden output
// (UPDATE_GOLDEN=1 rewrites the golden files after a deliberate change).
import fs from "node:fs";
import * as logs from "@aws-sdk/client-cloudwatch-logs";
import * as dynamodb from "@aws-sdk/client-dynamodb";
import * as eventbridge from "@aws-sdk/client-eventbridge";
import * as iam from "@aws-sdk/client-iam";
import * as sns from "@aws-sdk/client-sns";
import * as sqs from "@aws-sdk/client-sqs";
import { describe, expect, test } from "vitest";
import type { CallRecord } from "../../course/cloud/edge/server.ts";
import { loadManifest } from "../../course/lab-runner/catalog.ts";
import { checkMistake, goldenText, mistakesOf } from "../../course/lab-runner/mistakes.ts";
import { verifyLab } from "../../course/lab-runner/verify.ts";

const LAMBDA_REST = /^\/20\d\d-\d\d-\d\d\/functions(\/|$)/;
const CLIENTS: Record<string, Record<string, unknown>> = { dynamodb, logs, sqs, sns, events: eventbridge, iam };

/** Operations the local cloud served that AWS does not have: a checker must not depend on them. */
export function notOnAws(calls: CallRecord[]): string[] {
  return calls
    .filter((call) => {
      if (call.service === "lambda") return !LAMBDA_REST.test(call.operation);
      const client = CLIENTS[call.service];
      return !client || !(`${call.operation}Command` in client);
    })
    .map((call) => `${call.service} ${call.operation}`);
}

export async function labDevSuite(lab: string): Promise<void> {
  const manifest = await loadManifest(lab);
  describe.skipIf(manifest.status !== "ready")(`lab ${lab}`, () => {
    test("the solution passes, the starter fails what it should, and the checker calls only AWS", {
      timeout: 240_000,
    }, async () => {
      const results = await verifyLab(manifest);
      for (const r of results) {
        console.log(
          `verify ${r.lab} (${r.from}): ${r.report.passed}/${r.report.steps.length} pass, check ${r.checkMs} ms`,
        );
        expect(r.problems, `${r.lab} from ${r.from}`).toEqual([]);
        expect(r.calls.length, "the checker made no AWS call at all").toBeGreaterThan(0);
        expect(notOnAws(r.calls), `${r.lab} from ${r.from}`).toEqual([]);
      }
    });

    const mistakes = mistakesOf(lab);
    test("there are at least four planted mistakes", () => {
      expect(mistakes.length).toBeGreaterThanOrEqual(4);
    });

    test.each(mistakes.map((m) => [m.name, m] as const))(
      "planted mistake %s fails the right step",
      { timeout: 90_000 },
      async (_, mistake) => {
        const report = await checkMistake(mistake);
        const text = goldenText(report);
        if (process.env.UPDATE_GOLDEN) fs.writeFileSync(mistake.goldenFile, text);
        expect(report.failed).toBeGreaterThan(0);
        expect(text).toBe(fs.readFileSync(mistake.goldenFile, "utf8"));
      },
    );
  });
}
