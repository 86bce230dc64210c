// Dynalite, in memory, driven in-process: its HTTP request handler is handed a
// request and a response object of our own, so no socket is opened and an
// exception it throws while reading a request is caught here instead of
// escaping as an uncaught exception.
import { EventEmitter } from "node:events";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { DynamoEngine, EngineResponse } from "./engine.ts";

interface DynaliteOptions {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}

// dynalite is CommonJS and ships no types
const dynalite = createRequire(import.meta.url)("dynalite") as (options: DynaliteOptions) => Server;

// The edge has already told who is calling; dynalite only checks that a SigV4
// Authorization header is present, so every call carries this placeholder.
const PLACEHOLDER_AUTH = {
  authorization:
    "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
  "x-amz-date": "20240101T000000Z",
};

export class DynaliteEngine implements DynamoEngine {
  readonly #server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });

  call(operation: string, body: string): Promise<EngineResponse> {
    return new Promise((resolve) => {
      const request = Object.assign(new EventEmitter(), {
        method: "POST",
        url: "/",
        headers: {
          ...PLACEHOLDER_AUTH,
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": `DynamoDB_20120810.${operation}`,
        },
      });
      try {
        this.#server.emit("request", request, new CapturedResponse(resolve));
        if (body !== "") request.emit("data", Buffer.from(body, "utf8"));
        request.emit("end");
      } catch (err) {
        resolve(internalServerError(err));
      }
    });
  }

  /** The store lives in memory only and no socket was opened: letting go of it is all there is to close. */
  async close(): Promise<void> {}
}

/** The part of http.ServerResponse that dynalite writes to. */
class CapturedResponse {
  statusCode = 200;
  /** dynalite keeps the content type of its answer here */
  contentType = "application/x-amz-json-1.0";
  readonly #headers: Record<string, string> = {};
  readonly #done: (response: EngineResponse) => void;

  constructor(done: (response: EngineResponse) => void) {
    this.#done = done;
  }

  setHeader(name: string, value: string | number): void {
    this.#headers[name.toLowerCase()] = String(value);
  }

  end(body?: string): void {
    this.#done({ status: this.statusCode, headers: this.#headers, body: body ?? "" });
  }
}

function internalServerError(err: unknown): EngineResponse {
  return {
    status: 500,
    headers: { "content-type": "application/x-amz-json-1.0" },
    body: JSON.stringify({
      __type: "com.amazonaws.dynamodb.v20120810#InternalServerError",
      message: `The local DynamoDB failed on this request: ${err instanceof Error ? err.message : String(err)}`,
    }),
  };
}
