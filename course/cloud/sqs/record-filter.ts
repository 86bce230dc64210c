// FilterCriteria of an SQS event source mapping: EventBridge patterns matched
// against the record, its body parsed when it is JSON. A record matches when
// any pattern does; with no patterns every record does.
import { matches, parsePattern } from "../events/pattern/index.ts";
import type { SqsRecord } from "./lambda-record.ts";

export type RecordFilter = (record: SqsRecord) => boolean;

function bodyValue(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** Throws InvalidEventPatternError for a pattern EventBridge would refuse. */
export function recordFilter(patterns: readonly string[]): RecordFilter {
  if (patterns.length === 0) return () => true;
  const parsed = patterns.map((pattern) => parsePattern(pattern));
  return (record) => {
    const view = { ...record, body: bodyValue(record.body) };
    return parsed.some((pattern) => matches(pattern, view));
  };
}
