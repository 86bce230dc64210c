// Small helpers for telling JSON values apart after JSON.parse.

import type { Scalar } from "./pattern-model.ts";

export type JsonObject = { readonly [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** A value as AWS's JSON parser names it in messages: the text of its first token. */
export function tokenText(value: unknown): string {
  if (value === undefined) return "]";
  if (Array.isArray(value)) return "[";
  if (isJsonObject(value)) return "{";
  return typeof value === "string" ? value : String(value);
}
