// Reading SNS's query-protocol parameters: maps as Name.entry.N.key/value,
// message attributes as MessageAttributes.entry.N.Name and .Value.*, and
// batch entries as Name.member.N.*.
import { invalidParameter } from "./errors.ts";
import type { MessageAttributes } from "./message-attributes.ts";

/** `prefix.entry.1.key=k&prefix.entry.1.value=v…` as { k: v } */
export function entryMap(params: URLSearchParams, prefix: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (let n = 1; params.has(`${prefix}.entry.${n}.key`); n++) {
    map[params.get(`${prefix}.entry.${n}.key`) ?? ""] = params.get(`${prefix}.entry.${n}.value`) ?? "";
  }
  return map;
}

export function messageAttributesParam(params: URLSearchParams, prefix = "MessageAttributes"): MessageAttributes {
  const attributes: MessageAttributes = {};
  for (let n = 1; params.has(`${prefix}.entry.${n}.Name`); n++) {
    const at = `${prefix}.entry.${n}`;
    const binary = params.get(`${at}.Value.BinaryValue`);
    const string = params.get(`${at}.Value.StringValue`);
    attributes[params.get(`${at}.Name`) ?? ""] = {
      DataType: params.get(`${at}.Value.DataType`) ?? "",
      ...(string !== null ? { StringValue: string } : {}),
      ...(binary !== null ? { BinaryValue: Buffer.from(binary, "base64") } : {}),
    };
  }
  return attributes;
}

/** `prefix.member.N.rest=v` as one URLSearchParams of `rest=v` per member, in order */
export function memberParams(params: URLSearchParams, prefix: string): URLSearchParams[] {
  const members: URLSearchParams[] = [];
  const start = `${prefix}.member.`;
  for (const [key, value] of params) {
    if (!key.startsWith(start)) continue;
    const rest = key.slice(start.length);
    const dot = rest.indexOf(".");
    const index = Number(rest.slice(0, dot));
    if (dot < 1 || !Number.isInteger(index) || index < 1) continue;
    members[index - 1] ??= new URLSearchParams();
    members[index - 1]?.append(rest.slice(dot + 1), value);
  }
  return members.filter((member) => member !== undefined);
}

/** A parameter SNS requires: "Invalid parameter: <Name> Reason: no value for required parameter" when absent. */
export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === "") throw invalidParameter(`${name} Reason: no value for required parameter`);
  return value;
}
