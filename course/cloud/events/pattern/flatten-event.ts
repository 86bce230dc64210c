// An event as EventBridge sees it: every leaf value (string, number, boolean,
// null) under its dot-joined path. Arrays are "crushed out" so each element
// counts as a value of the parent field, but every leaf remembers which array
// elements it sits in, so a match cannot pick fields from two different
// elements of the same array.

import { isJsonObject, isScalar } from "./json-values.ts";
import type { Scalar } from "./pattern-model.ts";

export type ArrayPosition = { readonly array: number; readonly index: number };

export type EventLeaf = { readonly value: Scalar; readonly positions: readonly ArrayPosition[] };

export function flattenEvent(event: object): Map<string, EventLeaf[]> {
  const leaves = new Map<string, EventLeaf[]>();
  const ancestors = new Set<object>();
  let arrays = 0;

  function visit(value: unknown, path: string, positions: readonly ArrayPosition[]): void {
    if (isScalar(value)) {
      const atPath = leaves.get(path) ?? [];
      atPath.push({ value, positions });
      leaves.set(path, atPath);
      return;
    }
    // Anything that is not JSON data (undefined, functions, cycles) is absent.
    if (typeof value !== "object" || ancestors.has(value)) return;
    ancestors.add(value);
    if (Array.isArray(value)) {
      const array = arrays++;
      for (const [index, element] of value.entries()) visit(element, path, [...positions, { array, index }]);
    } else if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, path === "" ? key : `${path}.${key}`, positions);
    }
    ancestors.delete(value);
  }

  visit(event, "", []);
  return leaves;
}

/** Whether two leaves can belong to one match: they agree on every array they share. */
export function arePositionsConsistent(a: readonly ArrayPosition[], b: readonly ArrayPosition[]): boolean {
  return a.every((p) => b.every((q) => p.array !== q.array || p.index === q.index));
}
