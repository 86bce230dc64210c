// parsePattern: checks an event pattern as EventBridge does and turns it into
// a Pattern. The reasons given mirror those AWS gives in
// InvalidEventPatternException ("Event pattern is not valid. Reason: ...").

import { invalidPattern } from "./errors.ts";
import { isJsonObject, isScalar, type JsonObject } from "./json-values.ts";
import { OPERATOR_NAMES, parseMatchExpression } from "./parse-match-expression.ts";
import type { FieldCondition, Pattern, ValueMatcher } from "./pattern-model.ts";

/** Amazon EventBridge quotas: "Event pattern: 2048 characters maximum" (adjustable). */
export const EVENT_PATTERN_QUOTA = 2048;
/** The most any EventPattern parameter may hold (PutRule, TestEventPattern API reference). */
export const EVENT_PATTERN_MAX_LENGTH = 4096;

export type ParsePatternOptions = {
  /** Longest pattern accepted, in characters; defaults to the rule quota of 2048. */
  readonly maxLength?: number;
};

function parseValues(values: readonly unknown[]): ValueMatcher[] {
  if (values.length === 0) invalidPattern("Empty arrays are not allowed");
  return values.map((value) => {
    if (isJsonObject(value)) return parseMatchExpression(value);
    if (isScalar(value)) return { kind: "equals", value };
    return invalidPattern("Match value must be String, number, true, false, or null");
  });
}

function parseOr(value: unknown, path: string): Pattern[] {
  if (!Array.isArray(value)) invalidPattern("It must be an Array followed with $or.");
  const alternatives = value.map((alternative: unknown) => {
    if (!isJsonObject(alternative)) invalidPattern("Only JSON object is allowed in array of $or relationship.");
    return parseObject(alternative, path, true);
  });
  if (alternatives.length < 2) invalidPattern("There must have at least 2 Objects in $or relationship.");
  return alternatives;
}

function parseObject(object: JsonObject, path: string, insideOr: boolean): Pattern {
  const entries = Object.entries(object);
  if (entries.length === 0) invalidPattern("Empty objects are not allowed");
  // Keyed by path: a field named twice (say "a.b" and "a": {"b"}) keeps the last, as on AWS.
  const fields = new Map<string, FieldCondition>();
  const anyOf: (readonly Pattern[])[] = [];
  for (const [key, value] of entries) {
    if (key === "$or") {
      anyOf.push(parseOr(value, path));
      continue;
    }
    if (insideOr && OPERATOR_NAMES.has(key)) {
      invalidPattern(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    const fieldPath = path === "" ? key : `${path}.${key}`;
    if (Array.isArray(value)) {
      fields.set(fieldPath, { path: fieldPath, matchers: parseValues(value) });
    } else if (isJsonObject(value)) {
      const nested = parseObject(value, fieldPath, insideOr);
      for (const field of nested.fields) fields.set(field.path, field);
      anyOf.push(...nested.anyOf);
    } else {
      invalidPattern(`"${key}" must be an object or an array`);
    }
  }
  return { fields: [...fields.values()], anyOf };
}

/** Parses and validates an event pattern, throwing InvalidEventPatternError when EventBridge would refuse it. */
export function parsePattern(json: string, options: ParsePatternOptions = {}): Pattern {
  if (typeof json !== "string") invalidPattern("Event pattern must be a JSON string");
  const maxLength = options.maxLength ?? EVENT_PATTERN_QUOTA;
  if (json.length > maxLength) {
    invalidPattern(`Event pattern is ${json.length} characters long; the maximum is ${maxLength}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    invalidPattern(error instanceof Error ? error.message : "Filter is not valid JSON");
  }
  if (!isJsonObject(document)) invalidPattern("Filter is not an object");
  return parseObject(document, "", false);
}
