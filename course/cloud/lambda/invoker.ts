// The contract between the Lambda service and everything that invokes
// functions (API Gateway, later SQS/SNS/EventBridge mappings, the Invoke API).
export type InvocationType = "RequestResponse" | "Event" | "DryRun";

export interface InvokeOptions {
  type?: InvocationType;
  /** base64 client context, as in X-Amz-Client-Context */
  clientContext?: string;
  /** "Tail" returns the last 4 KB of the log in logResult, as Lambda does */
  logType?: "None" | "Tail";
}

export interface InvokeResult {
  /** 200 RequestResponse, 202 Event, 204 DryRun */
  statusCode: number;
  /** set when the function failed: Lambda's X-Amz-Function-Error */
  functionError?: "Unhandled" | "Handled";
  /** the handler's return value as JSON, or Lambda's error object */
  payload: Buffer;
  requestId: string;
  executedVersion: string;
  /** base64 log tail when logType is "Tail" */
  logResult?: string;
}

export interface Invoker {
  /** name, ARN or partial ARN, as the Invoke API accepts */
  invoke(functionName: string, payload: Buffer | string, options?: InvokeOptions): Promise<InvokeResult>;
}
