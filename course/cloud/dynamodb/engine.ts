// What the DynamoDB service needs from the database behind it: one call of the
// 2012-08-10 JSON API at a time. Dynalite is the engine today; another one can
// take its place by implementing this.
export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface DynamoEngine {
  /** `operation` as named in X-Amz-Target (e.g. "PutItem"); `body` the request's JSON text */
  call(operation: string, body: string): Promise<EngineResponse>;
  close(): Promise<void>;
}

/** An error answer of the API, e.g. code "ResourceNotFoundException". */
export class DynamoOperationError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message === "" ? code : `${code}: ${message}`);
    this.name = "DynamoOperationError";
    this.code = code;
  }
}

/** Calls an operation with a JSON input and returns its parsed output, throwing its error answer. */
export async function callOperation(engine: DynamoEngine, operation: string, input: unknown): Promise<unknown> {
  const response = await engine.call(operation, JSON.stringify(input));
  const output = response.body === "" ? {} : (JSON.parse(response.body) as Record<string, unknown>);
  if (response.status !== 200) {
    const type = String(output.__type ?? `HTTP ${response.status}`);
    throw new DynamoOperationError(type.slice(type.indexOf("#") + 1), String(output.message ?? output.Message ?? ""));
  }
  return output;
}
