// Errors of the Lambda API itself (as opposed to errors of a function, which
// travel in the payload with X-Amz-Function-Error).
import { ACCOUNT, REGION } from "../../aws/identity.ts";
import { type EdgeResponse, restJsonError } from "../service.ts";

export class LambdaApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = code;
    this.status = status;
    this.code = code;
  }

  toResponse(): EdgeResponse {
    return restJsonError(this.status, this.code, this.message);
  }
}

export function functionNotFound(name: string, qualifier?: string): LambdaApiError {
  const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${qualifier ? `:${qualifier}` : ""}`;
  return new LambdaApiError(404, "ResourceNotFoundException", `Function not found: ${arn}`);
}

export function invalidParameter(message: string): LambdaApiError {
  return new LambdaApiError(400, "InvalidParameterValueException", message);
}
