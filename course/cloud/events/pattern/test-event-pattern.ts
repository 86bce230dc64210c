// testEventPattern: the TestEventPattern API. The pattern is checked first;
// the event must then be a JSON object carrying the fields the API reference
// lists as mandatory.

import { InvalidEventError } from "./errors.ts";
import { isJsonObject } from "./json-values.ts";
import { matches } from "./matches.ts";
import { EVENT_PATTERN_MAX_LENGTH, parsePattern } from "./parse-pattern.ts";

/** TestEventPattern API reference: "the following fields are mandatory". */
export const REQUIRED_EVENT_FIELDS = ["id", "account", "source", "time", "region", "resources", "detail-type"] as const;

function parseEvent(eventJson: string): object {
  let event: unknown;
  try {
    event = JSON.parse(eventJson);
  } catch {
    throw new InvalidEventError("the event is not valid JSON");
  }
  if (!isJsonObject(event)) throw new InvalidEventError("the event is not a JSON object");
  const missing = REQUIRED_EVENT_FIELDS.filter((field) => !Object.hasOwn(event, field));
  if (missing.length > 0) throw new InvalidEventError(`the event has no ${missing.join(", ")} field`);
  return event;
}

/**
 * Whether the event matches the pattern, as TestEventPattern answers.
 * Throws InvalidEventPatternError for a bad pattern, InvalidEventError for a bad event.
 */
export function testEventPattern(patternJson: string, eventJson: string): boolean {
  const pattern = parsePattern(patternJson, { maxLength: EVENT_PATTERN_MAX_LENGTH });
  return matches(pattern, parseEvent(eventJson));
}
