// The JSON paths of InputPath and InputPathsMap, in the subset EventBridge
// documents: "$", dot notation with dashes and underscores ($.detail.
// instance-id), array indices ($.resources[0]), bracketed names
// ($['detail-type']) and wildcards (* or [*]). A path with a wildcard reads
// every value it reaches, as an array.

type Step = { readonly name: string } | { readonly index: number } | { readonly wildcard: true };

const STEP = /^(?:\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]|\[\*\])/;

/** The steps of `path`, or undefined when it is not a path EventBridge reads. */
export function parseJsonPath(path: string): Step[] | undefined {
  if (typeof path !== "string" || !path.startsWith("$")) return undefined;
  const steps: Step[] = [];
  let rest = path.slice(1);
  while (rest !== "") {
    const found = STEP.exec(rest);
    if (!found) return undefined;
    const [text, dotted, index, single, double] = found;
    if (dotted === "*" || text === "[*]") steps.push({ wildcard: true });
    else if (index !== undefined) steps.push({ index: Number(index) });
    else steps.push({ name: dotted ?? single ?? double ?? "" });
    rest = rest.slice(text.length);
  }
  return steps;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return typeof value === "object" && value !== null ? Object.values(value) : [];
}

function step(value: unknown, next: Exclude<Step, { wildcard: true }>): unknown {
  if ("index" in next) return Array.isArray(value) ? value[next.index] : undefined;
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[next.name]
    : undefined;
}

/** The value at `path` in `document`; undefined when the path reaches nothing or is not a path. */
export function readJsonPath(document: unknown, path: string): unknown {
  const steps = parseJsonPath(path);
  if (!steps) return undefined;
  let values: unknown[] = [document];
  let spread = false;
  for (const next of steps) {
    if ("wildcard" in next) {
      values = values.flatMap(children);
      spread = true;
    } else {
      values = values.map((value) => step(value, next)).filter((value) => value !== undefined);
    }
  }
  return spread ? values : values[0];
}
