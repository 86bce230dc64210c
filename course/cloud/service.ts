// What every emulated service speaks: the edge parses a request once, works out
// who is calling, and hands it to the service the request is addressed to.
import type { IncomingHttpHeaders } from "node:http";

/** Who made a call: the learner's own tools, or a function using its role. */
export interface Principal {
  kind: "learner" | "function";
  accessKeyId: string;
  /** the caller's ARN: the role's ARN for a function */
  arn: string;
  functionName?: string;
}

export interface EdgeRequest {
  method: string;
  /** path and query, as received */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  principal: Principal;
  /** x-amzn-RequestId of this call */
  requestId: string;
  sourceIp: string;
}

export interface EdgeResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
}

export interface Service {
  /** the SigV4 signing name this service answers to, e.g. "lambda", "dynamodb", "logs" */
  readonly signingName: string;
  handle(request: EdgeRequest): Promise<EdgeResponse>;
  close?(): Promise<void>;
}

/** Error body for awsJson1.0 / awsJson1.1 services (DynamoDB, Logs, …). */
export function jsonProtocolError(status: number, code: string, message: string, namespace: string): EdgeResponse {
  return {
    status,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": code },
    body: JSON.stringify({ __type: `${namespace}#${code}`, message }),
  };
}

/** Error body for restJson1 services (Lambda, API Gateway management, …). */
export function restJsonError(status: number, code: string, message: string): EdgeResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-errortype": code },
    body: JSON.stringify({ Type: status >= 500 ? "Service" : "User", message }),
  };
}
