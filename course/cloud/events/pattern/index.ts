// EventBridge event patterns: parse and validate them, match events against
// them, and answer TestEventPattern. No Node-only imports: a browser can use it.

export { InvalidEventError, InvalidEventPatternError } from "./errors.ts";
export { matchesValue } from "./match-value.ts";
export { matches } from "./matches.ts";
export {
  EVENT_PATTERN_MAX_LENGTH,
  EVENT_PATTERN_QUOTA,
  type ParsePatternOptions,
  parsePattern,
} from "./parse-pattern.ts";
export type { FieldCondition, Pattern, Scalar, ValueMatcher } from "./pattern-model.ts";
export { REQUIRED_EVENT_FIELDS, testEventPattern } from "./test-event-pattern.ts";
