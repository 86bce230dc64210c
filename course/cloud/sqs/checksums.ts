// The MD5 digests SQS returns with every message, computed as AWS documents
// them: clients (SDK v3 among them) recompute and refuse a mismatch.
import { createHash } from "node:crypto";
import type { MessageAttribute } from "./message.ts";

export const md5Hex = (data: string | Uint8Array): string => createHash("md5").update(data).digest("hex");

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

function lengthPrefixed(bytes: Uint8Array): Buffer[] {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return [length, Buffer.from(bytes)];
}

/**
 * MD5OfMessageAttributes: for each attribute in name order, the name, the data
 * type and the value, each as a 4-byte big-endian length and its UTF-8 bytes,
 * with a one-byte transport type (1 string, 2 binary) before the value.
 */
export function md5OfAttributes(attributes: Record<string, MessageAttribute>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash("md5");
  for (const name of names) {
    const attribute = attributes[name]!;
    for (const part of lengthPrefixed(Buffer.from(name, "utf8"))) hash.update(part);
    for (const part of lengthPrefixed(Buffer.from(attribute.dataType, "utf8"))) hash.update(part);
    if (attribute.binaryValue !== undefined) {
      hash.update(Buffer.of(BINARY_TRANSPORT));
      for (const part of lengthPrefixed(attribute.binaryValue)) hash.update(part);
    } else {
      hash.update(Buffer.of(STRING_TRANSPORT));
      for (const part of lengthPrefixed(Buffer.from(attribute.stringValue ?? "", "utf8"))) hash.update(part);
    }
  }
  return hash.digest("hex");
}
