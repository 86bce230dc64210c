// "anything-but": a string, a number, a list of only strings or only numbers,
// or one of {"prefix"}, {"suffix"}, {"equals-ignore-case"}, {"wildcard"} with
// a string or a list of strings.

import { invalidPattern } from "./errors.ts";
import { isJsonObject, type JsonObject } from "./json-values.ts";
import { requireComparableNumber } from "./numeric-limits.ts";
import type { ValueMatcher } from "./pattern-model.ts";
import { parseWildcard } from "./wildcard.ts";

const NOT_A_VALUE = "Value of anything-but must be an array or single string/number value.";

function excludedValues(list: readonly unknown[]): ValueMatcher[] {
  const strings = list.filter((item) => typeof item === "string");
  const numbers = list.filter((item) => typeof item === "number");
  if (strings.length + numbers.length < list.length) {
    invalidPattern("Inside anything but list, start|null|boolean is not supported.");
  }
  if (list.length === 0 || (strings.length > 0 && numbers.length > 0)) {
    invalidPattern("Inside anything but list, either all values are number or string, mixed type is not supported");
  }
  return [...strings, ...numbers.map(requireComparableNumber)].map((value) => ({ kind: "equals", value }));
}

/** The string operand of a nested expression, or each string of a list of them. */
function stringsOf(operand: unknown, notAString: string, allowEmpty: boolean): string[] {
  if (isJsonObject(operand)) invalidPattern(NOT_A_VALUE);
  const list = Array.isArray(operand) ? operand : [operand];
  if (list.length === 0) invalidPattern("Empty arrays are not allowed");
  return list.map((item) => {
    if (typeof item !== "string") invalidPattern(notAString);
    if (!allowEmpty && item === "") invalidPattern("Null prefix/suffix not allowed");
    return item;
  });
}

function excludedByExpression(expression: JsonObject): ValueMatcher[] {
  const names = Object.keys(expression);
  const name = names[0] ?? invalidPattern("Anything-But expression name not found");
  const operand = expression[name];
  let excluded: ValueMatcher[];
  switch (name) {
    case "prefix":
    case "suffix":
      excluded = stringsOf(operand, "prefix/suffix match pattern must be a string", false).map((value) => ({
        kind: name,
        value,
        ignoreCase: false,
      }));
      break;
    case "equals-ignore-case": {
      const message = "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.";
      excluded = stringsOf(operand, message, true).map((value) => ({ kind: name, value }));
      break;
    }
    case "wildcard":
      excluded = stringsOf(operand, "wildcard match pattern must be a string", true).map((value) => ({
        kind: name,
        pieces: parseWildcard(value),
      }));
      break;
    default:
      return invalidPattern(`Unsupported anything-but pattern: ${name}`);
  }
  if (names.length > 1) invalidPattern("Only one key allowed in match expression");
  return excluded;
}

export function parseAnythingBut(operand: unknown): ValueMatcher {
  let excluded: ValueMatcher[];
  if (typeof operand === "string") excluded = [{ kind: "equals", value: operand }];
  else if (typeof operand === "number") excluded = [{ kind: "equals", value: requireComparableNumber(operand) }];
  else if (Array.isArray(operand)) excluded = excludedValues(operand);
  else if (isJsonObject(operand)) excluded = excludedByExpression(operand);
  else return invalidPattern(NOT_A_VALUE);
  return { kind: "anything-but", excluded };
}
