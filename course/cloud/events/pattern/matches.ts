// matches: whether an event satisfies a parsed pattern.
//
// Every field of the pattern needs a leaf of the event that one of its entries
// accepts, and the leaves chosen must not come from different elements of the
// same array (EventBridge's "array-consistent" matching). A field that accepts
// absence ({"exists": false}) needs no leaf when its path has none. Choices
// are searched depth first, "$or" alternatives included.

import {
  type ArrayPosition,
  arePositionsConsistent,
  type EventLeaf,
  flattenEvent,
  pathsToRead,
} from "./flatten-event.ts";
import { isJsonObject } from "./json-values.ts";
import { matchesValue } from "./match-value.ts";
import type { FieldCondition, Pattern } from "./pattern-model.ts";

type Goal = { readonly field: FieldCondition } | { readonly alternatives: readonly Pattern[] };

const UNCONSTRAINED: readonly ArrayPosition[] = [];

/** The array positions of each leaf that could satisfy the field. */
function choicesFor(field: FieldCondition, leaves: readonly EventLeaf[]): (readonly ArrayPosition[])[] {
  if (leaves.length === 0) {
    const acceptsAbsence = field.matchers.some((m) => m.kind === "exists" && !m.exists);
    return acceptsAbsence ? [UNCONSTRAINED] : [];
  }
  const accepted = leaves.filter((leaf) => field.matchers.some((matcher) => matchesValue(matcher, leaf.value)));
  // A leaf outside every array fits any other choice, so it is the only one worth trying.
  if (accepted.some((leaf) => leaf.positions.length === 0)) return [UNCONSTRAINED];
  return accepted.map((leaf) => leaf.positions);
}

function* fieldPaths(pattern: Pattern): Generator<string> {
  for (const field of pattern.fields) yield field.path;
  for (const alternatives of pattern.anyOf) for (const alternative of alternatives) yield* fieldPaths(alternative);
}

const pathsByPattern = new WeakMap<Pattern, Set<string>>();

export function matches(pattern: Pattern, event: unknown): boolean {
  if (!isJsonObject(event)) return false;
  let paths = pathsByPattern.get(pattern);
  if (!paths) {
    paths = pathsToRead(fieldPaths(pattern));
    pathsByPattern.set(pattern, paths);
  }
  const leaves = flattenEvent(event, paths);
  const choices = new Map<FieldCondition, (readonly ArrayPosition[])[]>();
  const chosen: (readonly ArrayPosition[])[] = [];

  function choicesOf(field: FieldCondition): (readonly ArrayPosition[])[] {
    let found = choices.get(field);
    if (!found) {
      found = choicesFor(field, leaves.get(field.path) ?? []);
      choices.set(field, found);
    }
    return found;
  }

  // Fields with the fewest choices first, so a hopeless branch fails early.
  function goalsOf(pattern: Pattern): Goal[] {
    const fields = [...pattern.fields].sort((a, b) => choicesOf(a).length - choicesOf(b).length);
    return [...fields.map((field) => ({ field })), ...pattern.anyOf.map((alternatives) => ({ alternatives }))];
  }

  function solve(goals: readonly Goal[]): boolean {
    const [goal, ...rest] = goals;
    if (goal === undefined) return true;
    if ("alternatives" in goal)
      return goal.alternatives.some((alternative) => solve([...goalsOf(alternative), ...rest]));
    for (const positions of choicesOf(goal.field)) {
      if (!chosen.every((other) => arePositionsConsistent(positions, other))) continue;
      chosen.push(positions);
      const solved = solve(rest);
      chosen.pop();
      if (solved) return true;
    }
    return false;
  }

  return solve(goalsOf(pattern));
}
