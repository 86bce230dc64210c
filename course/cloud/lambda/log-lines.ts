// The lines Lambda writes to a function's log stream, in Lambda's own text
// format, so what a learner reads locally is what CloudWatch shows on AWS.
import crypto from "node:crypto";
import type { ErrorPayload } from "./protocol.ts";

/** "2026/01/31/[$LATEST]0123456789abcdef0123456789abcdef": one stream per execution environment */
export function logStreamName(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[$LATEST]${crypto.randomBytes(16).toString("hex")}`;
}

/** what console.log and friends print inside a handler; requestId is "undefined" outside an invocation */
export function textLogLine(requestId: string, level: string, message: string, now = new Date()): string {
  return `${now.toISOString()}\t${requestId}\t${level}\t${message}`;
}

/** "Invoke Error \t{...}", as the runtime logs an error it reports */
export function errorLogMessage(label: string, error: ErrorPayload): string {
  return `${label} \t${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace ?? [] })}`;
}

export const startLine = (requestId: string) => `START RequestId: ${requestId} Version: $LATEST`;
export const endLine = (requestId: string) => `END RequestId: ${requestId}`;

export const timeoutLine = (requestId: string, seconds: string, now = new Date()) =>
  `${now.toISOString()} ${requestId} Task timed out after ${seconds} seconds`;

/** "RequestId: … Error: Runtime exited with error: exit status 1\nRuntime.ExitError" */
export const runtimeExitLine = (error: ErrorPayload) => `${error.errorMessage}\n${error.errorType}`;

/** how an invocation that did not end normally is marked in REPORT and INIT_REPORT */
export type PhaseStatus = { status: "timeout" } | { status: "error"; errorType: string };

export interface Report {
  requestId: string;
  durationMs: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
  /** only on the first invocation of an execution environment */
  initDurationMs?: number;
  outcome?: PhaseStatus;
}

export function reportLine(report: Report): string {
  // Since August 2025 Lambda bills the INIT phase of on-demand ZIP functions too.
  const billed = Math.ceil(report.durationMs + (report.initDurationMs ?? 0));
  const fields = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billed} ms`,
    `Memory Size: ${report.memorySizeMB} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMB} MB`,
  ];
  if (report.initDurationMs !== undefined) fields.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  if (report.outcome) fields.push(...statusFields(report.outcome));
  return `${fields.join("\t")}\t`;
}

export function initReportLine(durationMs: number, outcome: PhaseStatus): string {
  return [`INIT_REPORT Init Duration: ${durationMs.toFixed(2)} ms`, "Phase: init", ...statusFields(outcome)].join("\t");
}

function statusFields(outcome: PhaseStatus): string[] {
  return outcome.status === "timeout" ? ["Status: timeout"] : ["Status: error", `Error Type: ${outcome.errorType}`];
}
