// DynamoDB (awsJson1.0, X-Amz-Target "DynamoDB_20120810.<Operation>") on top of
// a DynamoEngine, with the graph's tables created in it.
import type { TableSpec } from "../../graph/model.ts";
import type { EdgeRequest, EdgeResponse, Service } from "../service.ts";
import type { DynamoEngine } from "./engine.ts";
import { syncTables } from "./table-sync.ts";

const TARGET = /^DynamoDB_20120810\.([A-Za-z]+)$/;

/** DynamoDB's largest request (a full BatchWriteItem) */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

// Dynalite implements neither transactions nor PartiQL. Rather than fake their
// all-or-nothing guarantees, these operations are refused by name.
const UNSUPPORTED_OPERATIONS = new Set([
  "TransactWriteItems",
  "TransactGetItems",
  "ExecuteStatement",
  "BatchExecuteStatement",
  "ExecuteTransaction",
]);

export class DynamoDbService implements Service {
  readonly signingName = "dynamodb";
  readonly #engine: DynamoEngine;
  /** names of the tables the last update created from TableSpecs */
  #managed = new Set<string>();
  /** updates run one after another, each on the tables the previous one left */
  #updating: Promise<unknown> = Promise.resolve();

  constructor(engine: DynamoEngine) {
    this.#engine = engine;
  }

  /** A DynamoDB in memory holding `tables`; fails if one of them cannot be created. */
  static async start(tables: TableSpec[]): Promise<DynamoDbService> {
    // Loaded on first use: `course --help` and friends should start fast.
    const { DynaliteEngine } = await import("./dynalite-engine.ts");
    const service = new DynamoDbService(new DynaliteEngine());
    const problems = await service.update(tables);
    if (problems.length > 0) {
      await service.close();
      throw new Error(`DynamoDB could not create its tables: ${problems.join("; ")}`);
    }
    return service;
  }

  /**
   * Creates the tables that appeared, deletes those that went, remakes those
   * whose keys or indexes changed and leaves the rest with their items.
   * Never rejects: it resolves to one message per table it could not sync.
   */
  update(tables: TableSpec[]): Promise<string[]> {
    const run = this.#updating.then(() => {
      const names = new Set(tables.map((table) => table.name));
      const removed = [...this.#managed].filter((name) => !names.has(name));
      this.#managed = names;
      return syncTables(this.#engine, tables, removed);
    });
    this.#updating = run;
    return run;
  }

  async handle(request: EdgeRequest): Promise<EdgeResponse> {
    const response = await this.#respond(request);
    return { ...response, headers: { ...response.headers, "x-amzn-requestid": request.requestId } };
  }

  async #respond(request: EdgeRequest): Promise<EdgeResponse> {
    if (request.body.length > MAX_REQUEST_BYTES) {
      return serviceError(413, "RequestEntityTooLarge", "Request body exceeds 16 MB");
    }
    const target = request.headers["x-amz-target"];
    const operation = TARGET.exec(typeof target === "string" ? target : "")?.[1];
    if (!operation) {
      return serviceError(400, "UnknownOperationException", `Unknown target: ${target ?? "(none)"}`);
    }
    if (UNSUPPORTED_OPERATIONS.has(operation)) {
      const message = `${operation} is not available in the local cloud: its DynamoDB (dynalite) has no transactions or PartiQL`;
      return serviceError(400, "UnknownOperationException", message);
    }
    const body = request.body.toString("utf8");
    // every DynamoDB input is a JSON object; dynalite would take any JSON value and stumble on some
    if (body.trim() !== "" && !body.trimStart().startsWith("{")) {
      return serviceError(400, "SerializationException", "Expected a JSON object");
    }
    return this.#engine.call(operation, body);
  }

  async close(): Promise<void> {
    await this.#updating;
    await this.#engine.close();
  }
}

/** an error of the protocol layer, which DynamoDB reports in the coral namespace */
function serviceError(status: number, code: string, message: string): EdgeResponse {
  return {
    status,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-errortype": code },
    body: JSON.stringify({ __type: `com.amazon.coral.service#${code}`, message }),
  };
}
