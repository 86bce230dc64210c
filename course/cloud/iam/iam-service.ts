// IAM (query protocol, signing name "iam") for what a checker reads on AWS:
// SimulatePrincipalPolicy for a function's role, and the role with its inline
// policy (GetRole, ListRolePolicies, GetRolePolicy). Roles are the graph's;
// the learner is the account's administrator.
import type { CloudGraph, PolicyStatement } from "../../graph/model.ts";
import { LEARNER_ARN } from "../principals.ts";
import type { EdgeRequest, EdgeResponse, Service } from "../service.ts";
import { parsePolicyDocument, policyDocument } from "./policy-document.ts";
import { element, IAM_NAMESPACE, memberList, queryError, queryParams, queryResponse } from "./query-protocol.ts";
import { findRole, INLINE_POLICY_NAME, LAMBDA_TRUST_POLICY, type RoleView } from "./roles.ts";
import { type SimulatedPolicy, simulate, simulationXml } from "./simulate-principal-policy.ts";

class IamError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const ADMINISTRATOR: PolicyStatement[] = [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }];

type Params = URLSearchParams;

export class IamService implements Service {
  readonly signingName = "iam";
  readonly #graph: () => CloudGraph;
  /** roles "exist" since the cloud started */
  readonly #createDate = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  readonly #operations: Record<string, (params: Params) => string> = {
    SimulatePrincipalPolicy: (p) => this.#simulatePrincipalPolicy(p),
    GetRole: (p) => this.#getRole(p),
    ListRolePolicies: (p) => this.#listRolePolicies(p),
    GetRolePolicy: (p) => this.#getRolePolicy(p),
  };

  constructor(graph: () => CloudGraph) {
    this.#graph = graph;
  }

  async handle(request: EdgeRequest): Promise<EdgeResponse> {
    const params = queryParams(request);
    const action = params.get("Action") ?? "";
    const operation = this.#operations[action];
    if (!operation) {
      const message = `Could not find operation ${action} for version ${params.get("Version") ?? "2010-05-08"}`;
      return queryError(400, "InvalidAction", message, IAM_NAMESPACE, request.requestId);
    }
    try {
      return queryResponse(action, IAM_NAMESPACE, operation(params), request.requestId);
    } catch (err) {
      if (!(err instanceof IamError)) throw err;
      return queryError(err.status, err.code, err.message, IAM_NAMESPACE, request.requestId);
    }
  }

  #simulatePrincipalPolicy(params: Params): string {
    const source = required(params, "PolicySourceArn", "policySourceArn");
    const actions = memberList(params, "ActionNames");
    if (actions.length === 0) throw validation("actionNames");
    const resources = memberList(params, "ResourceArns");
    const policies: SimulatedPolicy[] = [
      {
        id: source === LEARNER_ARN ? "AdministratorAccess" : INLINE_POLICY_NAME,
        statements: this.#statementsOf(source),
      },
      ...memberList(params, "PolicyInputList").map((doc, i) => ({
        id: `PolicyInputList.${i + 1}`,
        statements: policyInput(doc),
      })),
    ];
    const results = simulate(policies, actions, resources.length > 0 ? resources : ["*"]);
    return simulationXml(results, resources.length > 0);
  }

  #getRole(params: Params): string {
    const role = this.#role(params);
    return (
      "<Role>" +
      element("Path", "/") +
      element("RoleName", role.name) +
      element("RoleId", role.id) +
      element("Arn", role.arn) +
      element("CreateDate", this.#createDate) +
      element("AssumeRolePolicyDocument", encodeURIComponent(LAMBDA_TRUST_POLICY)) +
      element("MaxSessionDuration", 3600) +
      "<RoleLastUsed/></Role>"
    );
  }

  #listRolePolicies(params: Params): string {
    const role = this.#role(params);
    const names = role.statements.length > 0 ? [INLINE_POLICY_NAME] : [];
    return `<PolicyNames>${names.map((n) => element("member", n)).join("")}</PolicyNames>${element("IsTruncated", false)}`;
  }

  #getRolePolicy(params: Params): string {
    const role = this.#role(params);
    const name = required(params, "PolicyName", "policyName");
    if (name !== INLINE_POLICY_NAME || role.statements.length === 0) {
      throw new IamError(404, "NoSuchEntity", `The role policy with name ${name} cannot be found.`);
    }
    return (
      element("RoleName", role.name) +
      element("PolicyName", name) +
      element("PolicyDocument", encodeURIComponent(policyDocument(role.statements)))
    );
  }

  #role(params: Params): RoleView {
    const name = required(params, "RoleName", "roleName");
    const role = findRole(this.#graph(), { name });
    if (!role) throw new IamError(404, "NoSuchEntity", `The role with name ${name} cannot be found.`);
    return role;
  }

  #statementsOf(sourceArn: string): PolicyStatement[] {
    if (sourceArn === LEARNER_ARN) return ADMINISTRATOR;
    const role = findRole(this.#graph(), { arn: sourceArn });
    if (!role) {
      const name = sourceArn.split("/").at(-1) ?? sourceArn;
      throw new IamError(404, "NoSuchEntity", `The role with name ${name} cannot be found.`);
    }
    return role.statements;
  }
}

function required(params: Params, name: string, member: string): string {
  const value = params.get(name);
  if (value === null || value === "") throw validation(member);
  return value;
}

function validation(member: string): IamError {
  return new IamError(
    400,
    "ValidationError",
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}

function policyInput(document: string): PolicyStatement[] {
  const statements = parsePolicyDocument(document);
  if (!statements) throw new IamError(400, "MalformedPolicyDocument", "Syntax errors in policy.");
  return statements;
}
