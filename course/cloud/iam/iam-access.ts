// The IAM action and resource of the IAM operations the local cloud serves,
// for a function that calls IAM with its role: the role the operation reads
// (by RoleName, or SimulatePrincipalPolicy's PolicySourceArn).
import type { EdgeRequest } from "../service.ts";
import type { Access } from "./access.ts";
import { roleArn } from "./arns.ts";
import { queryParams } from "./query-protocol.ts";

export function iamAccess(request: EdgeRequest): Access[] {
  const params = queryParams(request);
  const operation = params.get("Action");
  if (!operation) return [];
  const roleName = params.get("RoleName");
  const resource = params.get("PolicySourceArn") ?? (roleName ? roleArn(roleName) : "*");
  return [{ action: `iam:${operation}`, resources: [resource] }];
}
