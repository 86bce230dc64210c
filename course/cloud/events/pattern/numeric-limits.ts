// "Numeric matching ... is limited to values between -5.0e9 and +5.0e9
// inclusive" (Content filtering in Amazon EventBridge event patterns).

import { invalidPattern } from "./errors.ts";

export const NUMERIC_LIMIT = 5e9;

export function isWithinNumericLimit(value: number): boolean {
  return value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT;
}

/** Refuses a number in a pattern that numeric matching cannot represent. */
export function requireComparableNumber(value: number): number {
  if (!isWithinNumericLimit(value)) invalidPattern("Value must be between -5.0E9 and 5.0E9, inclusive");
  return value;
}
