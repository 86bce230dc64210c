// IAM policy documents as JSON text: what GetRolePolicy returns and what
// SimulatePrincipalPolicy's PolicyInputList brings (Effect, Action and
// Resource of each statement; the local cloud evaluates no Conditions).
import type { PolicyStatement } from "../../graph/model.ts";

export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** the statements of a document, or undefined when it is not a JSON policy */
export function parsePolicyDocument(document: string): PolicyStatement[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === "string");
  return list((parsed as { Statement?: unknown }).Statement).map((raw) => {
    const s = (raw ?? {}) as Record<string, unknown>;
    return { Effect: s.Effect === "Deny" ? "Deny" : "Allow", Action: strings(s.Action), Resource: strings(s.Resource) };
  });
}
