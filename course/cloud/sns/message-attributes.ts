// Message attributes of a published message: checked as SNS checks them,
// counted toward the message size, and shown as SNS shows them in the
// notifications it delivers ({"Type", "Value"}).
import type { QueueMessageAttribute } from "../queue-delivery.ts";
import { invalidParameterValue } from "./errors.ts";

export type MessageAttributes = Record<string, QueueMessageAttribute>;

const NAME = /^[A-Za-z0-9_.-]+$/;
const TYPE = /^(String|Number|Binary)(\..+)?$/;
const MAX_NAME_BYTES = 256;

function checkName(name: string): void {
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    throw invalidParameterValue("Length of message attribute name must be less than 256 bytes.");
  }
  if (name.startsWith("."))
    throw invalidParameterValue("Invalid message attribute name starting with character '.' was found.");
  if (name.endsWith("."))
    throw invalidParameterValue("Invalid message attribute name ending with character '.' was found.");
  if (name.includes("..")) throw invalidParameterValue("Message attribute name can not have successive '.' character.");
  if (!NAME.test(name)) {
    throw invalidParameterValue(
      "Invalid non-alphanumeric character was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
    );
  }
}

function isScalarArray(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => item === null || typeof item !== "object");
  } catch {
    return false;
  }
}

function checkValue(name: string, attribute: QueueMessageAttribute): void {
  const type = attribute.DataType;
  const isBinary = type.startsWith("Binary");
  const hasValue = isBinary ? (attribute.BinaryValue?.length ?? 0) > 0 : (attribute.StringValue ?? "") !== "";
  if (!hasValue) {
    throw invalidParameterValue(
      `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
    );
  }
  const text = attribute.StringValue ?? "";
  if (type.startsWith("Number") && (text.trim() === "" || !Number.isFinite(Number(text)))) {
    throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
  }
  if (type === "String.Array" && !isScalarArray(text)) {
    throw invalidParameterValue(
      `The message attribute '${name}' with type 'String.Array' must hold a JSON array of strings, numbers, true, false or null.`,
    );
  }
}

/** Throws InvalidParameterValueException (ParameterValueInvalid) for the first attribute SNS would refuse. */
export function checkMessageAttributes(attributes: MessageAttributes): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    checkName(name);
    if (!TYPE.test(attribute.DataType)) {
      throw invalidParameterValue(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    checkValue(name, attribute);
  }
}

/** "The total size … includes the message body and the message attributes" (names, types and values). */
export function publishSize(message: string, attributes: MessageAttributes): number {
  let size = Buffer.byteLength(message);
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(attribute.DataType);
    size += attribute.BinaryValue ? attribute.BinaryValue.length : Buffer.byteLength(attribute.StringValue ?? "");
  }
  return size;
}

/** How a notification shows attributes: binary values in base64. */
export function notificationAttributes(attributes: MessageAttributes): Record<string, { Type: string; Value: string }> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]) => [
      name,
      {
        Type: attribute.DataType,
        Value: attribute.BinaryValue
          ? Buffer.from(attribute.BinaryValue).toString("base64")
          : (attribute.StringValue ?? ""),
      },
    ]),
  );
}
