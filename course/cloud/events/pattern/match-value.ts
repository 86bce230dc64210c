// Whether one leaf value of an event satisfies one entry of a pattern field.

import { isInRange } from "./ip-address.ts";
import { isWithinNumericLimit } from "./numeric-limits.ts";
import type { NumericBound, Scalar, ValueMatcher } from "./pattern-model.ts";
import { matchesWildcard } from "./wildcard.ts";

function foldCase(text: string): string {
  return text.toLowerCase();
}

function isAbove(value: number, bound: NumericBound | undefined): boolean {
  return bound === undefined || (bound.inclusive ? value >= bound.value : value > bound.value);
}

function isBelow(value: number, bound: NumericBound | undefined): boolean {
  return bound === undefined || (bound.inclusive ? value <= bound.value : value < bound.value);
}

export function matchesValue(matcher: ValueMatcher, value: Scalar): boolean {
  switch (matcher.kind) {
    case "equals":
      // Numbers compare as numbers, so 300 and 300.0 are the same value.
      return value === matcher.value;
    case "equals-ignore-case":
      return typeof value === "string" && foldCase(value) === foldCase(matcher.value);
    case "prefix":
      if (typeof value !== "string") return false;
      return matcher.ignoreCase ? foldCase(value).startsWith(foldCase(matcher.value)) : value.startsWith(matcher.value);
    case "suffix":
      if (typeof value !== "string") return false;
      return matcher.ignoreCase ? foldCase(value).endsWith(foldCase(matcher.value)) : value.endsWith(matcher.value);
    case "wildcard":
      return typeof value === "string" && matchesWildcard(matcher.pieces, value);
    case "numeric":
      return (
        typeof value === "number" &&
        isWithinNumericLimit(value) &&
        isAbove(value, matcher.lower) &&
        isBelow(value, matcher.upper)
      );
    case "cidr":
      return typeof value === "string" && isInRange(matcher.range, value);
    case "anything-but":
      return !matcher.excluded.some((excluded) => matchesValue(excluded, value));
    case "exists":
      // A leaf is there; whether that is wanted is decided per field.
      return matcher.exists;
  }
}
