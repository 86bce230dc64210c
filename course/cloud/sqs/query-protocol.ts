// The query protocol older SDKs and CLIs use: Action=SendMessage&… in a form
// (or on the URL), often posted to the queue's URL; XML answers and errors.
import { queryError } from "../iam/query-protocol.ts";
import type { EdgeResponse } from "../service.ts";
import { missingParameter, SqsError } from "./errors.ts";
import type { OperationContext } from "./operation.ts";
import { operationNamed } from "./operations.ts";
import { queryInput } from "./query-input.ts";
import { queryXml, SQS_NAMESPACE } from "./query-output.ts";

export async function handleQuery(
  params: URLSearchParams,
  requestId: string,
  context: OperationContext,
): Promise<EdgeResponse> {
  try {
    const action = params.get("Action");
    if (!action) throw missingParameter("Action");
    const output = await operationNamed(action)(queryInput(action, params), context);
    return { status: 200, headers: { "content-type": "text/xml" }, body: queryXml(action, output, requestId) };
  } catch (error) {
    if (error instanceof SqsError) {
      return queryError(error.status, error.queryCode, error.message, SQS_NAMESPACE, requestId);
    }
    throw error;
  }
}
