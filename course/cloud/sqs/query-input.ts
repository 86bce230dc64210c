// The query protocol's form (Attribute.1.Name=…, MessageAttribute.1.Value.DataType=…,
// SendMessageBatchRequestEntry.2.MessageBody=…) made into the JSON protocol's input.
import type { Input } from "./params.ts";

type Tree = { [key: string]: Tree | string };

function treeOf(params: URLSearchParams): Tree {
  const root: Tree = {};
  for (const [key, value] of params) {
    const path = key.split(".");
    let node = root;
    for (const segment of path.slice(0, -1)) {
      const child = node[segment];
      if (typeof child === "object") {
        node = child;
      } else {
        const created: Tree = {};
        node[segment] = created;
        node = created;
      }
    }
    node[path.at(-1)!] = value;
  }
  return root;
}

/** the members of a flattened list (keys 1, 2, …) in order */
function members(node: Tree | string): (Tree | string)[] {
  if (typeof node === "string") return [node];
  return Object.keys(node)
    .filter((key) => /^\d+$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => node[key]!);
}

const field = (node: Tree | string, name: string): Tree | string | undefined =>
  typeof node === "string" ? undefined : node[name];

function pairs(node: Tree | string, keyName: string, valueName: string): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const member of members(node)) {
    const key = field(member, keyName);
    if (typeof key === "string") map[key] = field(member, valueName) ?? "";
  }
  return map;
}

const LISTS: Record<string, string> = {
  AttributeName: "AttributeNames",
  MessageAttributeName: "MessageAttributeNames",
  MessageSystemAttributeName: "MessageSystemAttributeNames",
  TagKey: "TagKeys",
};

function inputOf(node: Tree): Input {
  const input: Input = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "Attribute") input.Attributes = pairs(value, "Name", "Value");
    else if (key === "Tag") input.Tags = pairs(value, "Key", "Value");
    else if (key === "MessageAttribute") input.MessageAttributes = pairs(value, "Name", "Value");
    else if (key === "MessageSystemAttribute") input.MessageSystemAttributes = pairs(value, "Name", "Value");
    else if (LISTS[key]) input[LISTS[key]] = members(value);
    else if (key.endsWith("BatchRequestEntry")) {
      input.Entries = members(value).map((entry) => (typeof entry === "string" ? {} : inputOf(entry)));
    } else input[key] = value;
  }
  return input;
}

export function queryInput(action: string, params: URLSearchParams): Input {
  const input = inputOf(treeOf(params));
  delete input.Action;
  delete input.Version;
  // CreateQueue names its tags in lower case, TagQueue does not
  if (action === "CreateQueue" && input.Tags !== undefined) {
    input.tags = input.Tags;
    delete input.Tags;
  }
  return input;
}
