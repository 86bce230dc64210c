// What IAM would check before a request reaches the service it is for.
import type { CloudGraph } from "../../graph/model.ts";
import type { EdgeRequest } from "../service.ts";
import type { Access } from "./access.ts";
import { dynamoDbAccess } from "./dynamodb-access.ts";
import { eventsAccess } from "./events-access.ts";
import { iamAccess } from "./iam-access.ts";
import { lambdaAccess } from "./lambda-access.ts";
import { logsAccess } from "./logs-access.ts";
import { snsAccess } from "./sns-access.ts";
import { sqsAccess } from "./sqs-access.ts";

export type { Access };

/**
 * The accesses a request needs, by the service's signing name. An empty list
 * means nothing to check: sts:GetCallerIdentity needs no permission, and a
 * request the service cannot parse gets the service's own error.
 */
export function requestedAccess(service: string, request: EdgeRequest, graph: CloudGraph): Access[] {
  switch (service) {
    case "dynamodb":
      return dynamoDbAccess(request, graph);
    case "lambda":
      return lambdaAccess(request, graph);
    case "logs":
      return logsAccess(request);
    case "iam":
      return iamAccess(request);
    case "sqs":
      return sqsAccess(request, graph);
    case "sns":
      return snsAccess(request);
    case "events":
      return eventsAccess(request);
    default:
      return [];
  }
}
