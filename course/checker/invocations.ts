// "Did that function run?": counted from the REPORT line Lambda writes at the
// end of every invocation, in the function's own log group — the same calls
// work against AWS, where log lines arrive a few seconds late, hence the wait.
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { type CheckTarget, clientConfig } from "./target.ts";

/** Invocations of `functionName` that ended since `since` (ms), waiting up to `waitMs` for the first one. */
export async function invocationsSince(
  target: CheckTarget,
  functionName: string,
  since: number,
  waitMs = target.kind === "aws" ? 30_000 : 3_000,
): Promise<number> {
  const config = await new LambdaClient(clientConfig(target)).send(
    new GetFunctionConfigurationCommand({ FunctionName: functionName }),
  );
  const logGroupName = config.LoggingConfig?.LogGroup ?? `/aws/lambda/${functionName}`;
  const logs = new CloudWatchLogsClient(clientConfig(target));
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { events = [] } = await logs.send(
      new FilterLogEventsCommand({ logGroupName, startTime: since, filterPattern: '"REPORT RequestId"' }),
    );
    if (events.length > 0 || Date.now() > deadline) return events.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
