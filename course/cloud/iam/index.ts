export type { Access } from "./access.ts";
export { accessDeniedResponse, deniedMessage } from "./access-denied.ts";
export { authorize } from "./authorize.ts";
export { IamService } from "./iam-service.ts";
export { type Decision, evaluate } from "./policy-evaluator.ts";
export { requestedAccess } from "./requested-access.ts";
export { StsService } from "./sts-service.ts";
