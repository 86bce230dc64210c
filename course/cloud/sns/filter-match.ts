// Whether a subscription's filter policy lets a message through.
//
// On the message body (FilterPolicyScope MessageBody) this is EventBridge's
// matching of a JSON object. On message attributes, each attribute is a flat
// key: a String is a string, a Number a number, a String.Array each of its
// elements; Binary attributes are not compared ("Amazon SNS compares policy
// properties only to message attributes that have the following data types:
// String, String.Array", and Number for numeric matching). For a String.Array,
// anything-but holds only when no element is excluded.
import { type FieldCondition, matches, matchesValue, type Pattern, type Scalar } from "../events/pattern/index.ts";
import type { FilterPolicy } from "./filter-policy.ts";
import type { MessageAttributes } from "./message-attributes.ts";

type AttributeValues = { readonly values: readonly Scalar[]; readonly isArray: boolean };

function comparableValues(attributes: MessageAttributes): Map<string, AttributeValues> {
  const comparable = new Map<string, AttributeValues>();
  for (const [name, attribute] of Object.entries(attributes)) {
    const text = attribute.StringValue ?? "";
    if (attribute.DataType === "String.Array") {
      comparable.set(name, { values: JSON.parse(text) as Scalar[], isArray: true });
    } else if (attribute.DataType.startsWith("Number")) {
      comparable.set(name, { values: [Number(text)], isArray: false });
    } else if (attribute.DataType.startsWith("String")) {
      comparable.set(name, { values: [text], isArray: false });
    }
  }
  return comparable;
}

function fieldHolds(field: FieldCondition, attribute: AttributeValues | undefined): boolean {
  if (!attribute || attribute.values.length === 0) {
    return field.matchers.some((matcher) => matcher.kind === "exists" && !matcher.exists);
  }
  return field.matchers.some((matcher) =>
    matcher.kind === "anything-but" && attribute.isArray
      ? attribute.values.every((value) => matchesValue(matcher, value))
      : attribute.values.some((value) => matchesValue(matcher, value)),
  );
}

function attributesMatch(pattern: Pattern, attributes: ReadonlyMap<string, AttributeValues>): boolean {
  return (
    pattern.fields.every((field) => fieldHolds(field, attributes.get(field.path))) &&
    pattern.anyOf.every((alternatives) => alternatives.some((alternative) => attributesMatch(alternative, attributes)))
  );
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    // "Filter policies for the message body assume that the message payload is a well-formed JSON object."
    return undefined;
  }
}

export function acceptsMessage(
  policy: FilterPolicy | undefined,
  message: { body: string; attributes: MessageAttributes },
): boolean {
  if (!policy) return true;
  if (policy.scope === "MessageBody") return matches(policy.pattern, parseBody(message.body));
  return attributesMatch(policy.pattern, comparableValues(message.attributes));
}
