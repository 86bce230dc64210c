// Reading an operation's input: the JSON protocol's object, or the query
// protocol's form already shaped like it. Numbers may arrive as strings.
import { invalidParameterValue, invalidValueFor, missingParameter } from "./errors.ts";

export type Input = Record<string, unknown>;

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameterValue(`${name} must be a string.`);
  return value;
}

export function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value === "") throw missingParameter(name);
  return value;
}

export function optionalInteger(input: Input, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isInteger(number)) throw invalidValueFor(name, value, "Must be an integer.");
  return number;
}

export function requiredInteger(input: Input, name: string): number {
  const value = optionalInteger(input, name);
  if (value === undefined) throw missingParameter(name);
  return value;
}

/** an integer within [min, max] when given */
export function integerWithin(input: Input, name: string, min: number, max: number, reason: string) {
  const value = optionalInteger(input, name);
  if (value !== undefined && (value < min || value > max)) throw invalidValueFor(name, value, reason);
  return value;
}

export function stringList(input: Input, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw invalidParameterValue(`${name} must be a list of strings.`);
  }
  return value;
}

export function stringMap(input: Input, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw invalidParameterValue(`${name} must be a map.`);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

export function objectList(input: Input, name: string): Input[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameterValue(`${name} must be a list.`);
  return value.map((item) => (typeof item === "object" && item !== null ? (item as Input) : {}));
}
