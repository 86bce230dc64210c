// Message attributes as SendMessage takes them ({DataType, StringValue,
// BinaryValue} by name), checked against SQS's rules and made MessageAttributes.
import { invalidParameterValue } from "./errors.ts";
import type { MessageAttribute } from "./message.ts";
import { checkCharacters } from "./message-contents.ts";

const MAX_MESSAGE_ATTRIBUTES = 10;
const MAX_NAME_LENGTH = 256;
const NAME_CHARACTERS = /^[A-Za-z0-9_.-]+$/;
const RESERVED_PREFIX = /^(aws|amazon)\./i;
const TYPE = /^(String|Number|Binary)(\..+)?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MAX_NUMBER_DIGITS = 38;
/** the one system attribute a sender may set */
const SYSTEM_ATTRIBUTE_NAMES = new Set(["AWSTraceHeader"]);

interface WireAttribute {
  DataType?: unknown;
  StringValue?: unknown;
  BinaryValue?: unknown;
}

function checkName(name: string): void {
  if (name === "") throw invalidParameterValue("The request must contain non-empty message attribute name.");
  const valid =
    name.length <= MAX_NAME_LENGTH &&
    NAME_CHARACTERS.test(name) &&
    !RESERVED_PREFIX.test(name) &&
    !name.startsWith(".") &&
    !name.endsWith(".") &&
    !name.includes("..");
  if (!valid) {
    throw invalidParameterValue(
      `Message (user) attribute name '${name}' is invalid. ` +
        "Names can contain alphanumeric characters, hyphens, underscores and periods, up to 256 characters, " +
        "must not start or end with a period or have two in a row, and must not start with AWS. or Amazon.",
    );
  }
}

function checkNumber(name: string, value: string): void {
  const digits = value
    .replace(/[eE].*$/, "")
    .replace(/[^0-9]/g, "")
    .replace(/^0+/, "");
  if (!NUMBER.test(value) || digits.length > MAX_NUMBER_DIGITS || !Number.isFinite(Number(value))) {
    throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
}

function binaryOf(value: unknown): Buffer | undefined {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === "string" && value !== "") return Buffer.from(value, "base64");
  return undefined;
}

function parseAttribute(name: string, wire: WireAttribute): MessageAttribute {
  const dataType = typeof wire.DataType === "string" ? wire.DataType : "";
  if (dataType === "") {
    throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
  }
  const base = TYPE.exec(dataType)?.[1];
  if (!base || dataType.length > MAX_NAME_LENGTH) {
    throw invalidParameterValue(
      `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
    );
  }
  const emptyValue = () =>
    invalidParameterValue(
      `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`,
    );
  if (base === "Binary") {
    const binaryValue = binaryOf(wire.BinaryValue);
    if (!binaryValue || binaryValue.length === 0) throw emptyValue();
    return { dataType, binaryValue };
  }
  const stringValue = typeof wire.StringValue === "string" ? wire.StringValue : "";
  if (stringValue === "") throw emptyValue();
  checkCharacters(stringValue);
  if (base === "Number") checkNumber(name, stringValue);
  return { dataType, stringValue };
}

/** MessageAttributes of SendMessage (or of one batch entry); undefined means none. */
export function parseMessageAttributes(input: unknown): Record<string, MessageAttribute> {
  if (input === undefined || input === null) return {};
  if (typeof input !== "object") throw invalidParameterValue("MessageAttributes must be a map.");
  const entries = Object.entries(input as Record<string, WireAttribute>);
  if (entries.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  const attributes: Record<string, MessageAttribute> = {};
  for (const [name, wire] of entries) {
    checkName(name);
    attributes[name] = parseAttribute(name, wire ?? {});
  }
  return attributes;
}

/** MessageSystemAttributes: only AWSTraceHeader, a String. */
export function parseSystemAttributes(input: unknown): Record<string, MessageAttribute> {
  if (input === undefined || input === null) return {};
  const attributes: Record<string, MessageAttribute> = {};
  for (const [name, wire] of Object.entries(input as Record<string, WireAttribute>)) {
    if (!SYSTEM_ATTRIBUTE_NAMES.has(name)) {
      throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    }
    const attribute = parseAttribute(name, wire ?? {});
    if (attribute.dataType !== "String") {
      throw invalidParameterValue(`The message system attribute '${name}' must have the type String.`);
    }
    attributes[name] = attribute;
  }
  return attributes;
}

/** How ReceiveMessage's MessageAttributeNames select: "All", ".*", "prefix.*" or exact names. */
export function selectAttributes(
  attributes: Record<string, MessageAttribute>,
  requested: readonly string[],
): Record<string, MessageAttribute> {
  if (requested.length === 0) return {};
  const selected: Record<string, MessageAttribute> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const wanted = requested.some(
      (pattern) =>
        pattern === "All" ||
        pattern === ".*" ||
        pattern === name ||
        (pattern.endsWith(".*") && name.startsWith(pattern.slice(0, -1))),
    );
    if (wanted) selected[name] = attribute;
  }
  return selected;
}
