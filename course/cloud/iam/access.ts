// What a request asks IAM for: one action on one or more resources. A request
// is allowed only if every resource of every access is allowed.

export interface Access {
  /** "<service prefix>:<action>", e.g. "dynamodb:PutItem" */
  action: string;
  /** ARNs, or "*" for actions that name no resource (ListTables, ListFunctions) */
  resources: string[];
}

/** the JSON object a JSON-protocol request carries, or undefined if it carries none (the service then answers) */
export function jsonBody(body: Buffer): Record<string, unknown> | undefined {
  try {
    const text = body.toString("utf8").trim();
    const parsed: unknown = text === "" ? {} : JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** "DynamoDB_20120810.PutItem" → "PutItem" */
export function targetOperation(target: string | string[] | undefined, prefix: string): string | undefined {
  if (typeof target !== "string" || !target.startsWith(`${prefix}.`)) return undefined;
  return target.slice(prefix.length + 1) || undefined;
}

export const stringOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
