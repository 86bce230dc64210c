// Brings the engine's tables in line with the graph's TableSpecs, as a deploy
// would: new tables are created, removed ones deleted, unchanged ones keep
// their items.
import { setTimeout as sleep } from "node:timers/promises";
import type { TableSpec } from "../../graph/model.ts";
import { callOperation, type DynamoEngine, DynamoOperationError } from "./engine.ts";
import { createTableInput, shapeOfDescription, shapeOfSpec, type TableDescription } from "./table-schema.ts";

const POLL_MS = 5;
const POLL_ATTEMPTS = 1000;

/** Syncs every table it can and returns one message per table it could not. */
export async function syncTables(engine: DynamoEngine, tables: TableSpec[], removed: string[]): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (name: string, step: () => Promise<void>) => {
    try {
      await step();
    } catch (err) {
      problems.push(`table ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  for (const spec of tables) await attempt(spec.name, () => syncTable(engine, spec));
  for (const name of removed) await attempt(name, () => deleteTable(engine, name));
  return problems;
}

async function syncTable(engine: DynamoEngine, spec: TableSpec): Promise<void> {
  const existing = await describeTable(engine, spec.name);
  if (!existing) return createTable(engine, spec);
  if (shapeOfDescription(existing) === shapeOfSpec(spec)) return;
  // AWS replaces a table whose keys change and backfills an index that is added;
  // dynalite cannot add indexes, so either way the table is made anew and
  // refilled with the items that still fit its keys.
  const items = await scanAll(engine, spec.name);
  await deleteTable(engine, spec.name);
  await createTable(engine, spec);
  for (const item of items) {
    try {
      await callOperation(engine, "PutItem", { TableName: spec.name, Item: item });
    } catch (err) {
      if (!(err instanceof DynamoOperationError && err.code === "ValidationException")) throw err;
    }
  }
}

async function describeTable(engine: DynamoEngine, name: string): Promise<TableDescription | undefined> {
  try {
    const output = (await callOperation(engine, "DescribeTable", { TableName: name })) as { Table: TableDescription };
    return output.Table;
  } catch (err) {
    if (err instanceof DynamoOperationError && err.code === "ResourceNotFoundException") return undefined;
    throw err;
  }
}

async function createTable(engine: DynamoEngine, spec: TableSpec): Promise<void> {
  await callOperation(engine, "CreateTable", createTableInput(spec));
  await waitFor(engine, spec.name, (table) => table?.TableStatus === "ACTIVE");
}

async function deleteTable(engine: DynamoEngine, name: string): Promise<void> {
  if (!(await describeTable(engine, name))) return;
  await callOperation(engine, "DeleteTable", { TableName: name });
  await waitFor(engine, name, (table) => table === undefined);
}

/** Table status changes land a moment after the call that asked for them. */
async function waitFor(
  engine: DynamoEngine,
  name: string,
  done: (table: TableDescription | undefined) => boolean,
): Promise<void> {
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt++) {
    if (done(await describeTable(engine, name))) return;
    await sleep(POLL_MS);
  }
  throw new Error(`still not ready after ${(POLL_MS * POLL_ATTEMPTS) / 1000} s`);
}

async function scanAll(engine: DynamoEngine, name: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let startKey: unknown;
  do {
    const page = (await callOperation(engine, "Scan", {
      TableName: name,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    })) as { Items?: unknown[]; LastEvaluatedKey?: unknown };
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
