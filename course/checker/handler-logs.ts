// "What your handler logged": when a step fails, the checker shows the error
// lines your lab's functions wrote meanwhile, found the way it would find them
// on AWS — ListFunctions for this app and stage, then FilterLogEvents.
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { LambdaClient, paginateListFunctions } from "@aws-sdk/client-lambda";
import { type CheckTarget, clientConfig } from "./target.ts";

const MAX_LINES = 6;
// Lambda's own error lines, and anything a handler logged at ERROR level.
const ERROR_PATTERN = '?ERROR ?Error ?"Task timed out" ?Runtime.';

async function labLogGroups(target: CheckTarget): Promise<string[]> {
  const lambda = new LambdaClient(clientConfig(target));
  const groups: string[] = [];
  for await (const page of paginateListFunctions({ client: lambda }, {})) {
    for (const fn of page.Functions ?? []) {
      const app = fn.Environment?.Variables?.SST_RESOURCE_App;
      if (!app) continue;
      const { name, stage } = JSON.parse(app) as { name?: string; stage?: string };
      if (name !== target.app || stage !== target.stage) continue;
      groups.push(fn.LoggingConfig?.LogGroup ?? `/aws/lambda/${fn.FunctionName}`);
    }
  }
  return groups;
}

export async function errorsLoggedSince(target: CheckTarget, since: number): Promise<string[]> {
  const logs = new CloudWatchLogsClient(clientConfig(target));
  const lines: string[] = [];
  for (const logGroupName of await labLogGroups(target)) {
    const { events } = await logs.send(
      new FilterLogEventsCommand({ logGroupName, startTime: since, filterPattern: ERROR_PATTERN, limit: MAX_LINES }),
    );
    for (const e of events ?? []) if (e.message) lines.push(compact(e.message.trim()));
  }
  return [...new Set(lines)].slice(0, MAX_LINES);
}

/** Lambda's "Invoke Error" lines carry a JSON error: keep its type, message and the first frame in lab code. */
function compact(line: string): string {
  const json = line.indexOf("{");
  if (!line.includes("Invoke Error") || json === -1) return line;
  try {
    const error = JSON.parse(line.slice(json)) as { errorType?: string; errorMessage?: string; stack?: string[] };
    // Show the frame relative to the checkout (or the deployed bundle), not this machine's path.
    const frame = error.stack
      ?.find((f) => /\/(labs|solutions)\//.test(f))
      ?.trim()
      .replace(/(?:file:\/\/)?\/[^\s()]*?\/((?:labs|solutions)\/)/, "$1");
    return `${error.errorType}: ${error.errorMessage}${frame ? ` (${frame})` : ""}`;
  } catch {
    return line;
  }
}
