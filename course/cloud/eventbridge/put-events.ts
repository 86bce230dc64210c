// PutEvents' entries: checked one by one (a bad entry fails alone, with the
// ErrorCode and ErrorMessage AWS gives), sized as "Calculating PutEvents
// event entry size" does, and turned into the event rules match and targets
// receive.
import { randomUUID } from "node:crypto";
import { ACCOUNT, REGION } from "../../aws/identity.ts";
import { validationError } from "./errors.ts";

export interface PutEventsEntry {
  Time?: number | string;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  TraceHeader?: string;
}

export const MAX_ENTRIES = 10;
/** "The total entry size must be less than 256KB." */
export const MAX_ENTRIES_BYTES = 256 * 1024;
/** the Time parameter counts as 14 bytes */
const TIME_BYTES = 14;

const bytes = (text: string | undefined): number => (text === undefined ? 0 : Buffer.byteLength(text));

export function entrySize(entry: PutEventsEntry): number {
  return (
    (entry.Time !== undefined ? TIME_BYTES : 0) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

/** What fails the whole call: no entries, more than ten, or too many bytes together. */
export function checkEntries(entries: unknown): asserts entries is PutEventsEntry[] {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw validationError(
      "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  if (entries.length > MAX_ENTRIES) {
    throw validationError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
    );
  }
  const total = (entries as PutEventsEntry[]).reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_ENTRIES_BYTES) throw validationError("Total size of the entries in the request is over the limit.");
}

export type EntryFailure = { ErrorCode: string; ErrorMessage: string };

const invalidArgument = (parameter: string): { failure: EntryFailure } => ({
  failure: {
    ErrorCode: "InvalidArgument",
    ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${parameter} is a required argument.`,
  },
});

function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** "2015-11-11T21:29:54Z": an event's time has no milliseconds. */
export const eventTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

function timeOf(time: number | string | undefined, received: Date): string {
  if (time === undefined) return eventTime(received);
  // The SDK sends a timestamp as epoch seconds; the CLI may send ISO text.
  const date = typeof time === "number" ? new Date(time * 1000) : new Date(time);
  return Number.isNaN(date.getTime()) ? eventTime(received) : eventTime(date);
}

/** The event an entry becomes, or the entry's failure. */
export function eventOf(
  entry: PutEventsEntry,
  received: Date,
): { event: Record<string, unknown> } | { failure: EntryFailure } {
  if (!entry.Source) return invalidArgument("Source");
  if (!entry.DetailType) return invalidArgument("DetailType");
  if (!entry.Detail) return invalidArgument("Detail");
  const detail = parseDetail(entry.Detail);
  if (!detail) return { failure: { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." } };
  const event = {
    version: "0",
    id: randomUUID(),
    "detail-type": entry.DetailType,
    source: entry.Source,
    account: ACCOUNT,
    time: timeOf(entry.Time, received),
    region: REGION,
    resources: entry.Resources ?? [],
    detail,
  };
  return { event };
}
