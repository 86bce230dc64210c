// An HTTP API's route table: picks the route a request goes to, the way API
// Gateway does. Among the routes whose path matches, the most specific path
// wins, compared segment by segment from the left (a literal beats `{param}`,
// which beats `{greedy+}`); on equal paths a route for the request's own method
// beats `ANY`; `$default` catches whatever nothing else matched.
import type { HttpRouteSpec } from "../../graph/model.ts";

export interface RouteMatch {
  routeKey: string;
  functionArn: string;
  /** decoded values of the route's path variables; absent when it has none */
  pathParameters?: Record<string, string>;
}

type Segment = { kind: "literal"; value: string } | { kind: "param"; name: string } | { kind: "greedy"; name: string };

/** rank of a segment kind: lower is more specific */
const SPECIFICITY = { literal: 0, param: 1, greedy: 2 } as const;

interface Route {
  routeKey: string;
  functionArn: string;
  method: string;
  segments: Segment[];
  /** the segments' SPECIFICITY ranks, for comparing routes */
  ranks: number[];
}

export class RouteTable {
  readonly #routes: Route[];
  readonly #fallback: HttpRouteSpec | undefined;

  constructor(specs: HttpRouteSpec[]) {
    this.#fallback = specs.find((spec) => spec.routeKey === "$default");
    this.#routes = specs.filter((spec) => spec.routeKey !== "$default").map(parseRoute);
  }

  /** `path` is the raw (percent-encoded) request path, starting with "/" */
  match(method: string, path: string): RouteMatch | undefined {
    const requestSegments = splitPath(path).map(decodeSegment);
    let best: { route: Route; pathParameters: Record<string, string> } | undefined;
    for (const route of this.#routes) {
      if (route.method !== method && route.method !== "ANY") continue;
      const pathParameters = matchSegments(route.segments, requestSegments);
      if (pathParameters && (!best || compareSpecificity(route, best.route) < 0)) best = { route, pathParameters };
    }
    if (best) {
      const { routeKey, functionArn } = best.route;
      const hasParameters = Object.keys(best.pathParameters).length > 0;
      return { routeKey, functionArn, ...(hasParameters ? { pathParameters: best.pathParameters } : {}) };
    }
    return this.#fallback && { routeKey: "$default", functionArn: this.#fallback.functionArn };
  }
}

function parseRoute(spec: HttpRouteSpec): Route {
  const [method = "", path = "/"] = spec.routeKey.trim().split(/\s+/, 2);
  const segments = splitPath(path).map((text): Segment => {
    const variable = /^\{(.+?)(\+?)\}$/.exec(text);
    if (!variable) return { kind: "literal", value: text };
    const name = variable[1] ?? "";
    return variable[2] ? { kind: "greedy", name } : { kind: "param", name };
  });
  return {
    routeKey: spec.routeKey,
    functionArn: spec.functionArn,
    method: method.toUpperCase(),
    segments,
    ranks: segments.map((segment) => SPECIFICITY[segment.kind]),
  };
}

function splitPath(path: string): string[] {
  const trimmed = path.startsWith("/") ? path.slice(1) : path;
  return trimmed === "" ? [] : trimmed.split("/");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** the path variables when `segments` matches the request, undefined otherwise */
function matchSegments(segments: Segment[], request: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === "greedy") {
      const rest = request.slice(index);
      // a greedy variable stands for at least one more segment
      if (rest.length === 0 || rest.join("/") === "") return undefined;
      parameters[segment.name] = rest.join("/");
      return parameters;
    }
    const value = request[index];
    if (value === undefined) return undefined;
    if (segment.kind === "literal" && segment.value !== value) return undefined;
    if (segment.kind === "param") {
      if (value === "") return undefined;
      parameters[segment.name] = value;
    }
  }
  return segments.length === request.length ? parameters : undefined;
}

/** negative when `a` is more specific than `b`; both match the same request */
function compareSpecificity(a: Route, b: Route): number {
  for (const [index, rank] of a.ranks.entries()) {
    const difference = rank - (b.ranks[index] ?? SPECIFICITY.greedy);
    if (difference !== 0) return difference;
  }
  return Number(a.method === "ANY") - Number(b.method === "ANY");
}
