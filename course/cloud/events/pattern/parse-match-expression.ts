// One object in a field's array, such as {"prefix": "us-"} or {"numeric": [">", 0]}.

import { invalidPattern } from "./errors.ts";
import { parseCidr } from "./ip-address.ts";
import { isJsonObject, type JsonObject } from "./json-values.ts";
import { parseAnythingBut } from "./parse-anything-but.ts";
import { parseNumeric } from "./parse-numeric.ts";
import type { ValueMatcher } from "./pattern-model.ts";
import { parseWildcard } from "./wildcard.ts";

/** The comparison operators; inside "$or" they may not be used as field names. */
export const OPERATOR_NAMES: ReadonlySet<string> = new Set([
  "anything-but",
  "cidr",
  "equals-ignore-case",
  "exists",
  "numeric",
  "prefix",
  "suffix",
  "wildcard",
]);

function requireString(operand: unknown, operator: string): string {
  if (typeof operand !== "string") invalidPattern(`${operator} match pattern must be a string`);
  return operand;
}

/** "prefix" and "suffix" take a string or {"equals-ignore-case": string}. */
function parseAffix(kind: "prefix" | "suffix", operand: unknown): ValueMatcher {
  if (!isJsonObject(operand)) return { kind, value: requireString(operand, kind), ignoreCase: false };
  const names = Object.keys(operand);
  if (names[0] !== "equals-ignore-case") invalidPattern(`${kind} match pattern must be a string`);
  const value = requireString(operand["equals-ignore-case"], "equals-ignore-case");
  if (names.length > 1) invalidPattern("Only one key allowed in match expression");
  return { kind, value, ignoreCase: true };
}

function parseOperator(name: string, operand: unknown): ValueMatcher {
  switch (name) {
    case "prefix":
    case "suffix":
      return parseAffix(name, operand);
    case "equals-ignore-case":
      return { kind: name, value: requireString(operand, name) };
    case "wildcard":
      return { kind: name, pieces: parseWildcard(requireString(operand, name)) };
    case "anything-but":
      return parseAnythingBut(operand);
    case "numeric":
      return parseNumeric(operand);
    case "exists":
      if (typeof operand !== "boolean") invalidPattern("exists match pattern must be either true or false.");
      return { kind: name, exists: operand };
    case "cidr":
      // (sic) AWS names "prefix" in this message.
      return { kind: name, range: parseCidr(requireString(operand, "prefix")) };
    default:
      return invalidPattern(`Unrecognized match type ${name}`);
  }
}

export function parseMatchExpression(expression: JsonObject): ValueMatcher {
  const names = Object.keys(expression);
  const name = names[0] ?? invalidPattern("Match expression name not found");
  const matcher = parseOperator(name, expression[name]);
  if (names.length > 1) {
    // AWS's parser reports a second key after these two operators this way.
    const numericWording = name === "numeric" || name === "anything-but";
    invalidPattern(
      numericWording ? "Too many elements in numeric expression" : "Only one key allowed in match expression",
    );
  }
  return matcher;
}
