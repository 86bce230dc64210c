// InputTemplate: <variable> placeholders filled the way "Amazon EventBridge
// input transformation" shows. Outside quotes a placeholder becomes its value
// as JSON ("instance": <instance> → "instance": "i-0123456789"). Inside a
// quoted string it is inserted as is, unescaped: a string without its quotes
// ("state": "<state>" → "state": "RUNNING"), an object or array as JSON with
// its internal quotes removed. A variable whose path finds nothing is empty
// inside quotes and null outside them, so the JSON stays valid.

/** Reserved variables, which InputPathsMap may not define. */
export const PREDEFINED_VARIABLES: ReadonlySet<string> = new Set([
  "aws.events.rule-arn",
  "aws.events.rule-name",
  "aws.events.event.ingestion-time",
  "aws.events.event",
  "aws.events.event.json",
]);

const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

/** The variable names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((found) => found[1] ?? ""))];
}

function valueText(value: unknown, quoted: boolean): string {
  if (!quoted) return value === undefined ? "null" : JSON.stringify(value);
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) return JSON.stringify(value).replaceAll('"', "");
  return String(value);
}

/** `template` with each placeholder of a known variable replaced; other text, "<" included, is kept. */
export function renderTemplate(template: string, variables: ReadonlyMap<string, unknown>): string {
  let output = "";
  let quoted = false;
  for (let at = 0; at < template.length; at++) {
    const character = template[at] ?? "";
    if (quoted && character === "\\") {
      output += character + (template[at + 1] ?? "");
      at++;
      continue;
    }
    if (character === '"') quoted = !quoted;
    if (character === "<") {
      const close = template.indexOf(">", at);
      const name = close > at ? template.slice(at + 1, close) : "";
      if (variables.has(name)) {
        output += valueText(variables.get(name), quoted);
        at = close;
        continue;
      }
    }
    output += character;
  }
  return output;
}
