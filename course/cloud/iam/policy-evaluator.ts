// IAM's evaluation of identity-based policy statements for one request:
// an explicit Deny wins, then any Allow, and otherwise the request is
// implicitly denied (IAM User Guide, "Policy evaluation logic" and "The
// difference between explicit and implicit denies").
import type { PolicyStatement } from "../../graph/model.ts";
import { actionMatches, resourceMatches } from "./wildcard.ts";

export type Decision = "allowed" | "implicitDeny" | "explicitDeny";

export interface Explanation {
  decision: Decision;
  /** indexes of the statements that decided: the Deny statements that matched, or else the Allow ones */
  matched: number[];
}

export function statementApplies(statement: PolicyStatement, action: string, resource: string): boolean {
  return (
    statement.Action.some((pattern) => actionMatches(pattern, action)) &&
    statement.Resource.some((pattern) => resourceMatches(pattern, resource))
  );
}

export function explain(statements: PolicyStatement[], action: string, resource: string): Explanation {
  const applying = statements.flatMap((s, index) => (statementApplies(s, action, resource) ? [index] : []));
  const denies = applying.filter((index) => statements[index]?.Effect === "Deny");
  if (denies.length > 0) return { decision: "explicitDeny", matched: denies };
  if (applying.length > 0) return { decision: "allowed", matched: applying };
  return { decision: "implicitDeny", matched: [] };
}

export function evaluate(statements: PolicyStatement[], action: string, resource: string): Decision {
  return explain(statements, action, resource).decision;
}

const SEVERITY: Record<Decision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

/** the most restrictive of several decisions, as IAM aggregates one action over several resources */
export function mostRestrictive(decisions: Decision[]): Decision {
  return decisions.reduce<Decision>((worst, d) => (SEVERITY[d] > SEVERITY[worst] ? d : worst), "allowed");
}
