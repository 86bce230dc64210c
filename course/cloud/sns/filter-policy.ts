// SNS subscription filter policies: parsed and checked as SNS checks them.
//
// SNS filters with the same rule language as EventBridge (exact values,
// prefix, suffix, equals-ignore-case, anything-but, numeric, cidr, exists,
// "$or"), so the operators are parsed by the event-pattern parser and refused
// in its words. What is SNS's own is checked here: no wildcard (not part of
// SNS's documented operators), no nesting when the policy looks at message
// attributes, at most five keys and 150 combinations ("Filter policy
// constraints in Amazon SNS").
import { InvalidEventPatternError, type Pattern, parsePattern, type ValueMatcher } from "../events/pattern/index.ts";

export type FilterPolicyScope = "MessageAttributes" | "MessageBody";

export const FILTER_POLICY_SCOPES: readonly FilterPolicyScope[] = ["MessageAttributes", "MessageBody"];
export const FILTER_POLICY_MAX_KEYS = 5;
export const FILTER_POLICY_MAX_COMBINATIONS = 150;
/** "The maximum size of a filter policy is 256 KB." */
export const FILTER_POLICY_MAX_LENGTH = 256 * 1024;

export interface FilterPolicy {
  readonly scope: FilterPolicyScope;
  readonly pattern: Pattern;
}

/**
 * A refused policy. `detail` is what follows the caller's "Invalid parameter: "
 * (Subscribe puts "Attributes Reason: " between them), e.g.
 * "FilterPolicy: Filter policy is too complex".
 */
export class FilterPolicyError extends Error {
  readonly detail: string;
  constructor(detail: string) {
    super(detail);
    this.name = "FilterPolicyError";
    this.detail = detail;
  }
}

function refuse(reason: string): never {
  throw new FilterPolicyError(`FilterPolicy: ${reason}`);
}

type JsonObject = { readonly [key: string]: unknown };
const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A key holding values, with how deep it sits (a top-level key is at depth 1). */
type Leaf = { readonly path: string; readonly values: number; readonly depth: number };

/**
 * The leaves a message is checked against, one list per way through the
 * policy's "$or" alternatives. Stops expanding past `limit` ways: each costs
 * at least one combination, so the policy is too complex anyway.
 */
function waysThrough(policy: JsonObject, path: string, depth: number, limit: number): Leaf[][] {
  let ways: Leaf[][] = [[]];
  const cross = (extensions: Leaf[][]) => {
    ways = ways.flatMap((way) => extensions.map((extension) => [...way, ...extension])).slice(0, limit + 1);
  };
  for (const [key, value] of Object.entries(policy)) {
    if (key === "$or" && Array.isArray(value)) {
      cross(value.filter(isObject).flatMap((alternative) => waysThrough(alternative, path, depth, limit)));
    } else if (Array.isArray(value)) {
      cross([[{ path: path === "" ? key : `${path}.${key}`, values: value.length, depth }]]);
    } else if (isObject(value)) {
      cross(waysThrough(value, path === "" ? key : `${path}.${key}`, depth + 1, limit));
    }
  }
  return ways;
}

/** "multiply the number of values in each array"; a nested key also counts its depth; "$or" ways add up. */
function combinations(ways: readonly Leaf[][]): number {
  return ways.reduce((sum, way) => sum + way.reduce((product, leaf) => product * leaf.values * leaf.depth, 1), 0);
}

function* matchersOf(pattern: Pattern): Generator<ValueMatcher> {
  for (const field of pattern.fields) yield* field.matchers;
  for (const alternatives of pattern.anyOf) for (const alternative of alternatives) yield* matchersOf(alternative);
}

function refuseWildcards(pattern: Pattern): void {
  for (const matcher of matchersOf(pattern)) {
    if (matcher.kind === "wildcard") refuse("Unrecognized match type wildcard");
    if (matcher.kind === "anything-but" && matcher.excluded.some((excluded) => excluded.kind === "wildcard")) {
      refuse("Unsupported anything-but pattern: wildcard");
    }
  }
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return refuse("failed to parse JSON.");
  }
}

/**
 * Parses a FilterPolicy attribute for a subscription with `scope`. An empty
 * value or "{}" is no policy: every message is delivered.
 * Throws FilterPolicyError worded as SNS words it.
 */
export function parseFilterPolicy(json: string, scope: FilterPolicyScope): FilterPolicy | undefined {
  if (json.trim() === "") return undefined;
  const document = parseJson(json);
  if (isObject(document) && Object.keys(document).length === 0) return undefined;
  let pattern: Pattern;
  try {
    pattern = parsePattern(json, { maxLength: FILTER_POLICY_MAX_LENGTH });
  } catch (err) {
    if (err instanceof InvalidEventPatternError) refuse(err.reason);
    throw err;
  }
  refuseWildcards(pattern);
  const ways = waysThrough(document as JsonObject, "", 1, FILTER_POLICY_MAX_COMBINATIONS);
  if (scope === "MessageAttributes" && ways.some((way) => way.some((leaf) => leaf.depth > 1))) {
    throw new FilterPolicyError("Filter policy scope MessageAttributes does not support nested filter policy");
  }
  if (ways.some((way) => new Set(way.map((leaf) => leaf.path)).size > FILTER_POLICY_MAX_KEYS)) {
    refuse(`Filter policy can not have more than ${FILTER_POLICY_MAX_KEYS} keys`);
  }
  if (combinations(ways) > FILTER_POLICY_MAX_COMBINATIONS) refuse("Filter policy is too complex");
  return { scope, pattern };
}
