// The batch operations' shared rules: 1 to 10 entries with distinct,
// well-formed ids; each entry then succeeds or fails on its own.
import {
  batchEntryIdsNotDistinct,
  emptyBatchRequest,
  invalidBatchEntryId,
  SqsError,
  tooManyEntriesInBatchRequest,
} from "./errors.ts";
import type { Input } from "./params.ts";

const MAX_BATCH_ENTRIES = 10;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

export interface BatchResult<T> {
  Successful: T[];
  Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[];
}

export function checkEntries(entries: Input[], entryName: string): void {
  if (entries.length === 0) throw emptyBatchRequest(entryName);
  if (entries.length > MAX_BATCH_ENTRIES) throw tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = typeof entry.Id === "string" ? entry.Id : "";
    if (seen.has(id)) throw batchEntryIdsNotDistinct(id);
    seen.add(id);
  }
  if (![...seen].every((id) => ENTRY_ID.test(id))) throw invalidBatchEntryId();
}

/** Runs `each` on every entry; an SqsError becomes that entry's failure, anything else propagates. */
export function eachEntry<T>(entries: Input[], each: (entry: Input, id: string) => T): BatchResult<T> {
  const result: BatchResult<T> = { Successful: [], Failed: [] };
  for (const entry of entries) {
    const id = String(entry.Id);
    try {
      result.Successful.push(each(entry, id));
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      result.Failed.push({ Id: id, SenderFault: error.status < 500, Code: error.batchCode, Message: error.message });
    }
  }
  return result;
}
