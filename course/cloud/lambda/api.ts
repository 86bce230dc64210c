// Lambda's REST API (restJson1) over the edge: Invoke, GetFunction,
// GetFunctionConfiguration and ListFunctions.
import type { EdgeRequest, EdgeResponse } from "../service.ts";
import { invalidParameter, LambdaApiError } from "./errors.ts";
import type { InvocationType, InvokeOptions, InvokeResult } from "./invoker.ts";

const PREFIX = "/2015-03-31/functions";
const INVOCATION_TYPES: InvocationType[] = ["RequestResponse", "Event", "DryRun"];
const LOG_TYPES = ["None", "Tail"] as const;
const DEFAULT_MAX_ITEMS = 50;

/** what the routes need from the service */
export interface LambdaApiBackend {
  invoke(functionName: string, payload: Buffer, options: InvokeOptions, requestId: string): Promise<InvokeResult>;
  /** GetFunction's body; throws ResourceNotFoundException */
  describe(functionName: string): { Configuration: Record<string, unknown>; Code: Record<string, string> };
  /** every function's configuration, in name order */
  list(): Record<string, unknown>[];
}

export async function handleLambdaApi(request: EdgeRequest, backend: LambdaApiBackend): Promise<EdgeResponse> {
  try {
    return await route(request, backend);
  } catch (err) {
    if (!(err instanceof LambdaApiError)) throw err;
    const response = err.toResponse();
    return { ...response, headers: { ...response.headers, "x-amzn-RequestId": request.requestId } };
  }
}

async function route(request: EdgeRequest, backend: LambdaApiBackend): Promise<EdgeResponse> {
  const { pathname, searchParams } = request.url;
  const parts = pathname.startsWith(PREFIX) ? pathname.slice(PREFIX.length).split("/").filter(Boolean) : undefined;
  const [encodedName, action, ...extra] = parts ?? [];
  const name = encodedName === undefined ? undefined : decodeURIComponent(encodedName);
  const qualified = name && searchParams.get("Qualifier") ? `${name}:${searchParams.get("Qualifier")}` : name;

  if (parts && extra.length === 0) {
    if (request.method === "GET" && name === undefined) return json(request, 200, listFunctions(searchParams, backend));
    if (request.method === "GET" && qualified && action === undefined)
      return json(request, 200, backend.describe(qualified));
    if (request.method === "GET" && qualified && action === "configuration") {
      return json(request, 200, backend.describe(qualified).Configuration);
    }
    if (request.method === "POST" && qualified && action === "invocations") return invoke(request, qualified, backend);
  }
  throw new LambdaApiError(404, "UnknownOperationException", `Unknown operation ${request.method} ${pathname}`);
}

async function invoke(request: EdgeRequest, functionName: string, backend: LambdaApiBackend): Promise<EdgeResponse> {
  const type = header(request, "x-amz-invocation-type") ?? "RequestResponse";
  if (!INVOCATION_TYPES.includes(type as InvocationType)) {
    throw validation(
      `Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${INVOCATION_TYPES.join(", ")}]`,
    );
  }
  const logType = header(request, "x-amz-log-type") ?? "None";
  if (!(LOG_TYPES as readonly string[]).includes(logType)) {
    throw validation(
      `Value '${logType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [${LOG_TYPES.join(", ")}]`,
    );
  }
  const clientContext = header(request, "x-amz-client-context");
  const result = await backend.invoke(
    functionName,
    request.body,
    {
      type: type as InvocationType,
      logType: logType as (typeof LOG_TYPES)[number],
      ...(clientContext ? { clientContext } : {}),
    },
    request.requestId,
  );
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-amzn-RequestId": result.requestId,
    "X-Amz-Executed-Version": result.executedVersion,
  };
  if (result.functionError) headers["X-Amz-Function-Error"] = result.functionError;
  if (result.logResult) headers["X-Amz-Log-Result"] = result.logResult;
  return { status: result.statusCode, headers, body: result.payload };
}

function listFunctions(params: URLSearchParams, backend: LambdaApiBackend) {
  const maxItems = Number(params.get("MaxItems") ?? DEFAULT_MAX_ITEMS);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10_000) {
    throw validation(
      `Value '${params.get("MaxItems")}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000`,
    );
  }
  const marker = params.get("Marker");
  const start = marker === null ? 0 : Number(Buffer.from(marker, "base64url").toString("utf8"));
  if (!Number.isInteger(start) || start < 0) throw invalidParameter("Invalid marker.");
  const all = backend.list();
  const end = start + maxItems;
  return {
    Functions: all.slice(start, end),
    ...(end < all.length ? { NextMarker: Buffer.from(String(end)).toString("base64url") } : {}),
  };
}

function header(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function validation(message: string): LambdaApiError {
  return new LambdaApiError(400, "ValidationException", `1 validation error detected: ${message}`);
}

function json(request: EdgeRequest, status: number, body: unknown): EdgeResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-RequestId": request.requestId },
    body: JSON.stringify(body),
  };
}
