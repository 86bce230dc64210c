// Least privilege for the local cloud: a function's calls are allowed only as
// far as its role's policy statements allow them, as on AWS. The learner's
// own tools (the checker, the AWS CLI) act as the account's administrator and
// are never restricted.
import type { CloudGraph } from "../../graph/model.ts";
import type { EdgeRequest, EdgeResponse, Principal } from "../service.ts";
import { accessDeniedResponse } from "./access-denied.ts";
import { assumedRoleArn } from "./arns.ts";
import { evaluate } from "./policy-evaluator.ts";
import { speaksQuery } from "./query-protocol.ts";
import { requestedAccess } from "./requested-access.ts";

/** undefined when the request may go on; otherwise the service's AccessDeniedException */
export function authorize(
  principal: Principal,
  service: string,
  request: EdgeRequest,
  graph: CloudGraph,
): EdgeResponse | undefined {
  if (principal.kind !== "function") return undefined;
  const statements = graph.functions.find((f) => f.name === principal.functionName)?.policy ?? [];
  for (const { action, resources } of requestedAccess(service, request, graph)) {
    for (const resource of resources) {
      const decision = evaluate(statements, action, resource);
      if (decision === "allowed") continue;
      const principalArn = assumedRoleArn(principal.arn, principal.functionName ?? "");
      const denial = { principalArn, action, resource, decision };
      return accessDeniedResponse(service, denial, request.requestId, speaksQuery(request) ? "query" : "json");
    }
  }
  return undefined;
}
