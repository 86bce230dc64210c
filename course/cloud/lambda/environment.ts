// The environment an execution environment starts with: the function's own
// variables plus the ones Lambda reserves, and nothing of the local cloud's
// process, so a handler can only see what it would see on AWS.
import path from "node:path";
import { REGION } from "../../aws/identity.ts";
import type { FunctionSpec } from "../../graph/model.ts";
import { credentialsFor } from "../principals.ts";

export interface EnvironmentContext {
  logStream: string;
  taskRoot: string;
  /** the edge, where the function's SDK calls go */
  edgeUrl: string;
}

export function functionEnvironment(fn: FunctionSpec, context: EnvironmentContext): Record<string, string> {
  const credentials = credentialsFor(fn);
  return {
    ...fn.environment,
    // reserved variables come last: on AWS a function cannot override them
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMB),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: context.logStream,
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    _HANDLER: fn.handler,
    LAMBDA_TASK_ROOT: context.taskRoot,
    TZ: ":UTC",
    LANG: "en_US.UTF-8",
    PATH: [path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(path.delimiter),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_ENDPOINT_URL: context.edgeUrl,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}
