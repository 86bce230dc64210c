// AccessDeniedException as each service answers it, worded as AWS words it:
//   User: <caller ARN> is not authorized to perform: <action> on resource: <ARN>
//   because no identity-based policy allows the <action> action
// or, when a Deny statement matched, "… with an explicit deny in an identity-based policy".
import type { EdgeResponse } from "../service.ts";
import type { Decision } from "./policy-evaluator.ts";
import { IAM_NAMESPACE, queryError, SNS_NAMESPACE, SQS_NAMESPACE } from "./query-protocol.ts";

export interface Denial {
  /** the caller, e.g. "arn:aws:sts::000000000000:assumed-role/<role>/<function>" */
  principalArn: string;
  action: string;
  resource: string;
  decision: Exclude<Decision, "allowed">;
}

export function deniedMessage({ principalArn, action, resource, decision }: Denial): string {
  const why =
    decision === "explicitDeny"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

/** `protocol` matters for SQS only, which answers in the protocol it was asked in */
export function accessDeniedResponse(
  service: string,
  denial: Denial,
  requestId: string,
  protocol: "json" | "query" = "json",
): EdgeResponse {
  const message = deniedMessage(denial);
  const headers = { "x-amzn-requestid": requestId, "x-amzn-errortype": "AccessDeniedException" };
  switch (service) {
    case "sqs":
      if (protocol === "query") return queryError(403, "AccessDenied", message, SQS_NAMESPACE, requestId);
      // awsJson1.0, query-compatible: the SDKs take the code from x-amzn-query-error
      return {
        status: 403,
        headers: {
          "x-amzn-requestid": requestId,
          "content-type": "application/x-amz-json-1.0",
          "x-amzn-query-error": "AccessDenied;Sender",
        },
        body: JSON.stringify({ __type: "com.amazonaws.sqs#AccessDenied", message }),
      };
    case "sns":
      return queryError(403, "AuthorizationError", message, SNS_NAMESPACE, requestId);
    case "events":
      // awsJson1.1 with the bare shape name, which the SDK resolves to its AccessDeniedException
      return {
        status: 400,
        headers: { ...headers, "content-type": "application/x-amz-json-1.1" },
        body: JSON.stringify({ __type: "AccessDeniedException", Message: message }),
      };
    case "lambda":
      // restJson1: the error type in a header, the message in the body
      return {
        status: 403,
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ Message: message }),
      };
    case "iam":
      return queryError(403, "AccessDenied", message, IAM_NAMESPACE, requestId);
    default: {
      // awsJson (DynamoDB 1.0, Logs 1.1): denied by AWS's front end, so in its namespace
      const version = service === "dynamodb" ? "1.0" : "1.1";
      return {
        status: 400,
        headers: { ...headers, "content-type": `application/x-amz-json-${version}` },
        body: JSON.stringify({ __type: "com.amazon.coral.service#AccessDeniedException", Message: message }),
      };
    }
  }
}
