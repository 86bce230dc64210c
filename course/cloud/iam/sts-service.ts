// STS (query protocol, signing name "sts"): GetCallerIdentity, which needs no
// permission. The learner is the account's user; a function is its role,
// assumed in a session named after the function, as Lambda does.

import { ACCOUNT } from "../../aws/identity.ts";
import type { CloudGraph } from "../../graph/model.ts";
import type { EdgeRequest, EdgeResponse, Principal, Service } from "../service.ts";
import { assumedRoleArn } from "./arns.ts";
import { element, queryError, queryParams, queryResponse, STS_NAMESPACE } from "./query-protocol.ts";
import { findRole, uniqueId } from "./roles.ts";

export class StsService implements Service {
  readonly signingName = "sts";
  readonly #graph: () => CloudGraph;

  constructor(graph: () => CloudGraph) {
    this.#graph = graph;
  }

  async handle(request: EdgeRequest): Promise<EdgeResponse> {
    const params = queryParams(request);
    const action = params.get("Action") ?? "";
    if (action !== "GetCallerIdentity") {
      const message = `Could not find operation ${action} for version ${params.get("Version") ?? "2011-06-15"}`;
      return queryError(400, "InvalidAction", message, STS_NAMESPACE, request.requestId);
    }
    const { arn, userId } = this.#identity(request.principal);
    const result = element("Arn", arn) + element("UserId", userId) + element("Account", ACCOUNT);
    return queryResponse(action, STS_NAMESPACE, result, request.requestId);
  }

  #identity(principal: Principal): { arn: string; userId: string } {
    if (principal.kind === "function") {
      const session = principal.functionName ?? "";
      const roleId = findRole(this.#graph(), { arn: principal.arn })?.id ?? uniqueId("AROA", principal.arn);
      return { arn: assumedRoleArn(principal.arn, session), userId: `${roleId}:${session}` };
    }
    return { arn: principal.arn, userId: uniqueId("AIDA", principal.arn) };
  }
}
