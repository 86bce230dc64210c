// Messages between the Lambda service and the runtime in each worker thread.

/** Lambda's error payload: {"errorType","errorMessage","trace"} */
export interface ErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export interface WorkerData {
  /** the bundled handler module */
  module: string;
  /** the function's handler setting, as error messages quote it */
  handler: string;
  /** the export to call: "create", or "a.b" for a nested one */
  exportName: string;
  /** Node.js 24 and later runtimes refuse callback-style handlers */
  rejectCallbackHandlers: boolean;
}

export interface InvokeMessage {
  requestId: string;
  /** the event, as JSON */
  event: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  clientContext?: unknown;
}

/** memoryBytes: the isolate's heap plus external memory (Buffers, ArrayBuffers) */
export type WorkerMessage =
  | { type: "log"; line: string }
  | { type: "ready"; memoryBytes: number }
  | { type: "init-error"; error: ErrorPayload }
  | { type: "result"; payload: string; memoryBytes: number }
  | { type: "error"; error: ErrorPayload; memoryBytes: number }
  /** an uncaught exception or unhandled rejection: the runtime exits after sending it */
  | { type: "fatal"; error: ErrorPayload };
