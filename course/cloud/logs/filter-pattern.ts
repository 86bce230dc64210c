// CloudWatch Logs filter patterns, the subset a course needs: terms (AND),
// ?terms (OR), -terms (NOT), "quoted phrases", %regex% and JSON patterns such
// as { $.level = "ERROR" && ($.ms > 100 || $.user NOT EXISTS) }.
// Matching is case sensitive, as on AWS.

export class FilterPatternError extends Error {}

export type Matcher = (message: string) => boolean;

export function compileFilterPattern(pattern: string | undefined): Matcher {
  const text = (pattern ?? "").trim();
  if (text === "") return () => true;
  if (text.startsWith("{")) return compileJsonPattern(text);
  if (text.length > 1 && text.startsWith("%") && text.endsWith("%")) {
    const regex = new RegExp(text.slice(1, -1));
    return (message) => regex.test(message);
  }
  if (text.startsWith("["))
    throw new FilterPatternError("Space-delimited filter patterns are not supported by the local cloud.");
  return compileTerms(text);
}

function compileTerms(text: string): Matcher {
  const required: string[] = [];
  const anyOf: string[] = [];
  const excluded: string[] = [];
  const termRegex = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const match of text.matchAll(termRegex)) {
    const prefix = match[1];
    const term = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "");
    if (prefix === "?") anyOf.push(term);
    else if (prefix === "-") excluded.push(term);
    else required.push(term);
  }
  return (message) =>
    required.every((t) => message.includes(t)) &&
    (anyOf.length === 0 || anyOf.some((t) => message.includes(t))) &&
    !excluded.some((t) => message.includes(t));
}

// ---- JSON patterns -------------------------------------------------------

type Token = { kind: "op" | "word" | "string" | "selector"; text: string };

type JsonExpr =
  | { kind: "and"; left: JsonExpr; right: JsonExpr }
  | { kind: "or"; left: JsonExpr; right: JsonExpr }
  | { kind: "compare"; path: Array<string | number>; op: string; value: Token }
  | { kind: "test"; path: Array<string | number>; test: "null" | "true" | "false" | "exists" | "not-exists" };

function compileJsonPattern(text: string): Matcher {
  if (!text.endsWith("}")) throw new FilterPatternError("Invalid JSON filter pattern: it must end with }.");
  const tokens = tokenize(text.slice(1, -1));
  let position = 0;
  const peek = () => tokens[position];
  const next = (): Token => {
    const token = tokens[position++];
    if (!token) throw new FilterPatternError("Invalid JSON filter pattern: it ends too early.");
    return token;
  };

  const parseOr = (): JsonExpr => {
    let left = parseAnd();
    while (peek()?.text === "||") {
      position++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): JsonExpr => {
    let left = parseUnary();
    while (peek()?.text === "&&") {
      position++;
      left = { kind: "and", left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): JsonExpr => {
    const token = next();
    if (token.text === "(") {
      const inner = parseOr();
      if (next().text !== ")") throw new FilterPatternError("Invalid JSON filter pattern: missing ).");
      return inner;
    }
    if (token.kind !== "selector") throw new FilterPatternError(`Invalid JSON filter pattern near "${token.text}".`);
    const path = parseSelector(token.text);
    const op = next();
    const word = op.text.toUpperCase();
    if (word === "IS") {
      const what = next().text.toUpperCase();
      if (what === "NULL" || what === "TRUE" || what === "FALSE") {
        return { kind: "test", path, test: what.toLowerCase() as "null" | "true" | "false" };
      }
      throw new FilterPatternError(`Invalid JSON filter pattern: IS ${what}.`);
    }
    if (word === "EXISTS") return { kind: "test", path, test: "exists" };
    if (word === "NOT" && next().text.toUpperCase() === "EXISTS") return { kind: "test", path, test: "not-exists" };
    if (op.kind !== "op" || !["=", "!=", "<", ">", "<=", ">="].includes(op.text)) {
      throw new FilterPatternError(`Invalid JSON filter pattern: unknown operator "${op.text}".`);
    }
    return { kind: "compare", path, op: op.text, value: next() };
  };

  const expr = parseOr();
  if (position !== tokens.length)
    throw new FilterPatternError("Invalid JSON filter pattern: unexpected text at the end.");
  return (message) => {
    let doc: unknown;
    try {
      doc = JSON.parse(message);
    } catch {
      return false; // JSON patterns only ever match JSON log events
    }
    return evaluate(expr, doc);
  };
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const regex = /\s*(?:(&&|\|\||!=|<=|>=|[=<>()])|"((?:[^"\\]|\\.)*)"|(\$[^\s=!<>()&|]*)|([^\s=!<>()&|"]+))/y;
  const text = source.trim();
  while (regex.lastIndex < text.length) {
    const match = regex.exec(text);
    if (!match) throw new FilterPatternError("Invalid JSON filter pattern.");
    if (match[1] !== undefined) tokens.push({ kind: "op", text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: "string", text: match[2].replace(/\\(.)/g, "$1") });
    else if (match[3] !== undefined) tokens.push({ kind: "selector", text: match[3] });
    else if (match[4] !== undefined) tokens.push({ kind: "word", text: match[4] });
  }
  return tokens;
}

/** "$.a.b[0].c" → ["a", "b", 0, "c"] */
function parseSelector(selector: string): Array<string | number> {
  const path: Array<string | number> = [];
  const regex = /\.([^.[\]]+)|\[(\d+)\]/y;
  regex.lastIndex = 1; // after the "$"
  while (regex.lastIndex < selector.length) {
    const match = regex.exec(selector);
    if (!match) throw new FilterPatternError(`Invalid JSON selector "${selector}".`);
    path.push(match[1] !== undefined ? match[1] : Number(match[2]));
  }
  if (path.length === 0) throw new FilterPatternError(`Invalid JSON selector "${selector}".`);
  return path;
}

const MISSING = Symbol("missing");

function select(doc: unknown, path: Array<string | number>): unknown {
  let current: unknown = doc;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return MISSING;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function evaluate(expr: JsonExpr, doc: unknown): boolean {
  if (expr.kind === "and") return evaluate(expr.left, doc) && evaluate(expr.right, doc);
  if (expr.kind === "or") return evaluate(expr.left, doc) || evaluate(expr.right, doc);
  const value = select(doc, expr.path);
  if (expr.kind === "test") {
    if (expr.test === "exists") return value !== MISSING;
    if (expr.test === "not-exists") return value === MISSING;
    if (expr.test === "null") return value === null;
    return value === (expr.test === "true");
  }
  if (value === MISSING) return false;
  return compare(value, expr.op, expr.value);
}

function compare(value: unknown, op: string, expected: Token): boolean {
  const number = expected.kind === "word" ? Number(expected.text) : Number.NaN;
  if (op !== "=" && op !== "!=") {
    if (typeof value !== "number" || Number.isNaN(number)) return false;
    if (op === "<") return value < number;
    if (op === ">") return value > number;
    if (op === "<=") return value <= number;
    return value >= number;
  }
  let equal: boolean;
  if (typeof value === "number" && !Number.isNaN(number)) equal = value === number;
  else if (typeof value === "string" || typeof value === "boolean") equal = wildcard(expected.text).test(String(value));
  else if (value === null) equal = expected.kind === "word" && expected.text === "null";
  else return false;
  return op === "=" ? equal : !equal;
}

/** values may use * as a wildcard: "Update*", "*.example.com" */
function wildcard(text: string): RegExp {
  const escaped = text.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "s");
}
