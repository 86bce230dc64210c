// The roles of the graph's functions, as IAM would list them: SST gives each
// function its own role, whose inline policy (named "inline") holds the
// statements its `link` and `permissions` produced.
import crypto from "node:crypto";
import type { CloudGraph, PolicyStatement } from "../../graph/model.ts";
import { roleNameOf } from "./arns.ts";

export const INLINE_POLICY_NAME = "inline";

export interface RoleView {
  arn: string;
  name: string;
  /** the "AROA…" unique id IAM gives a role; a session's UserId is "<id>:<session name>" */
  id: string;
  statements: PolicyStatement[];
}

export function findRole(graph: CloudGraph, by: { arn?: string; name?: string }): RoleView | undefined {
  const fn = graph.functions.find((f) =>
    by.arn !== undefined ? f.roleArn === by.arn : roleNameOf(f.roleArn) === by.name,
  );
  if (!fn?.roleArn) return undefined;
  return { arn: fn.roleArn, name: roleNameOf(fn.roleArn), id: uniqueId("AROA", fn.roleArn), statements: fn.policy };
}

/** a stable IAM-style unique id: prefix + 17 characters of [A-Z2-7] */
export function uniqueId(prefix: string, of: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes = crypto.createHash("sha256").update(of).digest();
  return prefix + Array.from(bytes.subarray(0, 17), (b) => alphabet[b % alphabet.length]).join("");
}

/** Lambda may assume every function role */
export const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
