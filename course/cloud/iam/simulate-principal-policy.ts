// iam:SimulatePrincipalPolicy: each action evaluated against the principal's
// statements on each resource. As IAM now answers, there is one result per
// action whose decision is the most restrictive over the resources, with
// the decision on each resource in ResourceSpecificResults.
import type { PolicyStatement } from "../../graph/model.ts";
import { type Decision, explain, mostRestrictive } from "./policy-evaluator.ts";
import { element, members } from "./query-protocol.ts";

export interface SimulationResult {
  action: string;
  /** the resource simulated, or the first of several */
  resource: string;
  decision: Decision;
  matchedPolicies: string[];
  perResource: { resource: string; decision: Decision; matchedPolicies: string[] }[];
}

export interface SimulatedPolicy {
  /** SourcePolicyId in MatchedStatements: the inline policy's name, or "PolicyInputList.N" */
  id: string;
  statements: PolicyStatement[];
}

export function simulate(policies: SimulatedPolicy[], actions: string[], resources: string[]): SimulationResult[] {
  const statements = policies.flatMap((p) => p.statements.map((s) => ({ s, id: p.id })));
  return actions.map((action) => {
    const perResource = resources.map((resource) => {
      const { decision, matched } = explain(
        statements.map((x) => x.s),
        action,
        resource,
      );
      const matchedPolicies = [...new Set(matched.map((i) => statements[i]?.id ?? ""))];
      return { resource, decision, matchedPolicies };
    });
    return {
      action,
      resource: resources[0] ?? "*",
      decision: mostRestrictive(perResource.map((r) => r.decision)),
      matchedPolicies: [...new Set(perResource.flatMap((r) => r.matchedPolicies))],
      perResource,
    };
  });
}

const matchedStatements = (ids: string[]) =>
  members(
    "MatchedStatements",
    ids.map((id) => element("SourcePolicyId", id) + element("SourcePolicyType", "IAM Policy")),
  );

/** the SimulatePrincipalPolicyResult body */
export function simulationXml(results: SimulationResult[], resourcesGiven: boolean): string {
  const evaluations = results.map(
    (r) =>
      element("EvalActionName", r.action) +
      element("EvalResourceName", r.resource) +
      element("EvalDecision", r.decision) +
      matchedStatements(r.matchedPolicies) +
      "<MissingContextValues/>" +
      (resourcesGiven
        ? members(
            "ResourceSpecificResults",
            r.perResource.map(
              (p) =>
                element("EvalResourceName", p.resource) +
                element("EvalResourceDecision", p.decision) +
                matchedStatements(p.matchedPolicies) +
                "<MissingContextValues/>",
            ),
          )
        : ""),
  );
  return element("IsTruncated", false) + members("EvaluationResults", evaluations);
}
