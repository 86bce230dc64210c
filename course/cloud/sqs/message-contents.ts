// What a message may contain: the Unicode characters XML allows, and no more
// bytes than the queue's MaximumMessageSize (body and attributes together).
import { invalidMessageContents, invalidParameterValue } from "./errors.ts";
import type { MessageAttribute } from "./message.ts";

// With the u flag a lone surrogate is a code point of its own, outside every range.
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function checkCharacters(text: string): void {
  if (INVALID_CHARACTER.test(text)) throw invalidMessageContents();
}

/** Bytes a message counts against MaximumMessageSize: body, and each attribute's name, type and value. */
export function messageSize(body: string, attributes: Record<string, MessageAttribute>): number {
  let size = Buffer.byteLength(body, "utf8");
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, "utf8") + Buffer.byteLength(attribute.dataType, "utf8");
    size += attribute.binaryValue?.length ?? Buffer.byteLength(attribute.stringValue ?? "", "utf8");
  }
  return size;
}

export function checkSize(size: number, maximumMessageSize: number): void {
  if (size > maximumMessageSize) {
    throw invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximumMessageSize} bytes.`,
    );
  }
}
