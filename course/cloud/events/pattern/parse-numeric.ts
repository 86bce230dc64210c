// {"numeric": [">", 0, "<=", 5]}: one comparison, or a lower bound followed by
// an upper bound. The wording of each refusal follows AWS's.

import { invalidPattern } from "./errors.ts";
import { tokenText } from "./json-values.ts";
import { requireComparableNumber } from "./numeric-limits.ts";
import type { NumericBound, ValueMatcher } from "./pattern-model.ts";

function operandOf(operator: string, value: unknown): number {
  if (typeof value !== "number") invalidPattern(`Value of ${operator === "=" ? "equals" : operator} must be numeric`);
  return requireComparableNumber(value);
}

function upperBound(items: readonly unknown[], lower: NumericBound): NumericBound {
  const operator = items[2];
  if (typeof operator !== "string") invalidPattern(`Bad value in numeric range: ${tokenText(operator)}`);
  if (operator !== "<" && operator !== "<=") invalidPattern(`Bad numeric range operator: ${operator}`);
  const value = operandOf(operator, items[3]);
  if (items.length > 4) invalidPattern("Too many terms in numeric range expression");
  if (value <= lower.value) invalidPattern("Bottom must be less than top");
  return { value, inclusive: operator === "<=" };
}

export function parseNumeric(operand: unknown): ValueMatcher {
  if (!Array.isArray(operand)) invalidPattern("Value of numeric must be an array.");
  const items: readonly unknown[] = operand;
  const operator = items[0];
  if (typeof operator !== "string") invalidPattern(`Invalid member in numeric match: ${tokenText(operator)}`);
  switch (operator) {
    case "=": {
      const value = operandOf(operator, items[1]);
      if (items.length > 2) invalidPattern("Too many elements in numeric expression");
      return { kind: "numeric", lower: { value, inclusive: true }, upper: { value, inclusive: true } };
    }
    case ">":
    case ">=": {
      const lower = { value: operandOf(operator, items[1]), inclusive: operator === ">=" };
      if (items.length === 2) return { kind: "numeric", lower };
      return { kind: "numeric", lower, upper: upperBound(items, lower) };
    }
    case "<":
    case "<=": {
      const upper = { value: operandOf(operator, items[1]), inclusive: operator === "<=" };
      // A range must name its lower bound first: ["<", 10, ">", 0] is refused.
      if (items.length > 2) invalidPattern("Too many elements in numeric expression");
      return { kind: "numeric", upper };
    }
    default:
      return invalidPattern(`Unrecognized numeric range operator: ${operator}`);
  }
}
