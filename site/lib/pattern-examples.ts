// The shop's example event and patterns for the pattern playground. Patterns
// are kept as objects and shown as indented JSON, so each is written once.

export interface PatternPreset {
  /** the button's text */
  label: string;
  /** what the preset shows, said after its button */
  about: string;
  pattern: object;
}

/** An EventBridge event as the orders service puts it on the bus, with every field TestEventPattern requires. */
export const ORDER_PLACED = {
  version: "0",
  id: "7a4e1d2c-5b3f-4c8a-9d6e-0f1a2b3c4d5e",
  "detail-type": "OrderPlaced",
  source: "shop.orders",
  account: "123456789012",
  time: "2025-03-14T09:26:53Z",
  region: "eu-west-1",
  resources: [],
  detail: { orderId: "o-1001", sku: "MUG-BLUE", quantity: 2, totalCents: 2400, country: "NL" },
};

/** Orders of 20 euros or more, from anywhere but the US and Canada. */
export const BIG_ORDERS_OUTSIDE_NORTH_AMERICA = {
  source: ["shop.orders"],
  "detail-type": ["OrderPlaced"],
  detail: {
    totalCents: [{ numeric: [">=", 2000] }],
    country: [{ "anything-but": ["US", "CA"] }],
  },
};

export const PATTERN_PRESETS: readonly PatternPreset[] = [
  {
    label: "prefix",
    about: "any source of the shop, and only mugs",
    pattern: { source: [{ prefix: "shop." }], detail: { sku: [{ prefix: "MUG-" }] } },
  },
  {
    label: "numeric range",
    about: "more than 0 and at most 5 items",
    pattern: { "detail-type": ["OrderPlaced"], detail: { quantity: [{ numeric: [">", 0, "<=", 5] }] } },
  },
  {
    label: "anything-but",
    about: "everything except mugs",
    pattern: { "detail-type": ["OrderPlaced"], detail: { sku: [{ "anything-but": { prefix: "MUG-" } }] } },
  },
  {
    label: "exists",
    about: "orders with an id and no coupon code",
    pattern: { detail: { orderId: [{ exists: true }], couponCode: [{ exists: false }] } },
  },
  {
    label: "$or",
    about: "large orders, or any order from the Netherlands or Belgium",
    pattern: {
      source: ["shop.orders"],
      $or: [{ detail: { totalCents: [{ numeric: [">=", 10000] }] } }, { detail: { country: ["NL", "BE"] } }],
    },
  },
];

/** JSON on one line, spaced as people write it: {"numeric": [">=", 2000]}. */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** JSON as the playground shows it: two-space indents, and on one line whatever fits in `width` columns. */
export function showJson(value: unknown, width = 60, indent = ""): string {
  const line = oneLine(value);
  if (value === null || typeof value !== "object" || indent.length + line.length <= width) return line;
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((item) => inner + showJson(item, width, inner))
    : Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)}: ${showJson(item, width, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${items.join(",\n")}\n${indent}${close}`;
}
