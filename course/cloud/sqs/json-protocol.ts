// AWS JSON 1.0, as SDK v3 speaks to SQS: X-Amz-Target "AmazonSQS.<Operation>",
// errors with a __type and the query protocol's code in x-amzn-query-error.
import type { EdgeResponse } from "../service.ts";
import { SqsError } from "./errors.ts";
import type { OperationContext, Output } from "./operation.ts";
import { operationNamed } from "./operations.ts";
import type { Input } from "./params.ts";

const CONTENT_TYPE = "application/x-amz-json-1.0";
export const TARGET_PREFIX = "AmazonSQS.";

function jsonError(error: SqsError): EdgeResponse {
  return {
    status: error.status,
    headers: {
      "content-type": CONTENT_TYPE,
      "x-amzn-query-error": `${error.queryCode};${error.status >= 500 ? "Receiver" : "Sender"}`,
    },
    body: JSON.stringify({ __type: error.jsonType, message: error.message }),
  };
}

function parseInput(body: Buffer): Input {
  const text = body.toString("utf8");
  let input: unknown;
  try {
    input = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    input = undefined;
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new SqsError(
      "com.amazon.coral.service#SerializationException",
      "SerializationException",
      "Expected a JSON object",
    );
  }
  return input as Input;
}

export async function handleJson(target: string, body: Buffer, context: OperationContext): Promise<EdgeResponse> {
  try {
    const operation = operationNamed(target.slice(TARGET_PREFIX.length));
    const output: Output = await operation(parseInput(body), context);
    return { status: 200, headers: { "content-type": CONTENT_TYPE }, body: JSON.stringify(output) };
  } catch (error) {
    if (error instanceof SqsError) return jsonError(error);
    throw error;
  }
}
