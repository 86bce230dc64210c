// An event as EventBridge sees it: every leaf value (string, number, boolean,
// null) under its dot-joined path. Arrays are "crushed out" so each element
// counts as a value of the parent field, but every leaf remembers which array
// elements it sits in, so a match cannot pick fields from two different
// elements of the same array.

import { isJsonObject, isScalar } from "./json-values.ts";
import type { Scalar } from "./pattern-model.ts";

export type ArrayPosition = { readonly array: number; readonly index: number };

export type EventLeaf = { readonly value: Scalar; readonly positions: readonly ArrayPosition[] };

/**
 * Flattens the parts of `event` on the way to `paths` (the dot-joined paths a
 * pattern names, and every prefix of them that ends before a "."); the rest of
 * the event cannot affect a match and is not read.
 */
export function flattenEvent(event: object, paths: ReadonlySet<string>): Map<string, EventLeaf[]> {
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
      for (const [key, child] of Object.entries(value)) {
        const childPath = path === "" ? key : `${path}.${key}`;
        if (paths.has(childPath)) visit(child, childPath, positions);
      }
    }
    ancestors.delete(value);
  }

  visit(event, "", []);
  return leaves;
}

/** Each path with every prefix of it that ends before a ".". */
export function pathsToRead(fieldPaths: Iterable<string>): Set<string> {
  const paths = new Set<string>();
  for (const path of fieldPaths) {
    paths.add(path);
    for (let dot = path.indexOf("."); dot >= 0; dot = path.indexOf(".", dot + 1)) paths.add(path.slice(0, dot));
  }
  return paths;
}

/** Whether two leaves can belong to one match: they agree on every array they share. */
export function arePositionsConsistent(a: readonly ArrayPosition[], b: readonly ArrayPosition[]): boolean {
  return a.every((p) => b.every((q) => p.array !== q.array || p.index === q.index));
}
