// Operation outputs as the query protocol's XML: lists flattened under their
// member's name, maps as Attribute/Tag/MessageAttribute entries.
import { element, xml } from "../iam/query-protocol.ts";
import type { Output } from "./operation.ts";

export const SQS_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

/** operations whose response has no Result element */
const WITHOUT_RESULT = new Set([
  "SetQueueAttributes",
  "DeleteQueue",
  "PurgeQueue",
  "TagQueue",
  "UntagQueue",
  "DeleteMessage",
  "ChangeMessageVisibility",
]);

const MAPS: Record<string, { entry: string; key: string; value: string }> = {
  Attributes: { entry: "Attribute", key: "Name", value: "Value" },
  Tags: { entry: "Tag", key: "Key", value: "Value" },
  MessageAttributes: { entry: "MessageAttribute", key: "Name", value: "Value" },
};

function listMember(key: string, action: string): string {
  if (key === "Successful") return `${action}ResultEntry`;
  if (key === "Failed") return "BatchResultErrorEntry";
  if (key === "Messages") return "Message";
  return "QueueUrl"; // QueueUrls, queueUrls
}

function render(name: string, value: unknown, action: string): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((item) => render(listMember(name, action), item, action)).join("");
  const map = MAPS[name];
  if (map && typeof value === "object") {
    return Object.entries(value)
      .map(([key, item]) => `<${map.entry}>${element(map.key, key)}${render(map.value, item, action)}</${map.entry}>`)
      .join("");
  }
  if (typeof value === "object") return `<${name}>${fields(value as Output, action)}</${name}>`;
  return element(name, value as string | number | boolean);
}

const fields = (output: Output, action: string): string =>
  Object.entries(output)
    .map(([key, value]) => render(key, value, action))
    .join("");

export function queryXml(action: string, output: Output, requestId: string): string {
  const result = WITHOUT_RESULT.has(action) ? "" : `<${action}Result>${fields(output, action)}</${action}Result>`;
  return (
    `<?xml version="1.0"?><${action}Response xmlns="${SQS_NAMESPACE}">${result}` +
    `<ResponseMetadata><RequestId>${xml(requestId)}</RequestId></ResponseMetadata></${action}Response>`
  );
}
