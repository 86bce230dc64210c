// The corners of matching: arrays of objects, keys with dots, numbers at the
// edges of what numeric matching can hold, CIDR boundaries, wildcard escapes
// and $or over arrays. Where AWS's user guide says nothing, the behaviour is
// that of Event Ruler, the open-source engine EventBridge matches with.
import { describe, expect, it } from "vitest";
import { matches, parsePattern } from "../../course/cloud/events/pattern/index.ts";

function match(pattern: unknown, event: unknown): boolean {
  return matches(parsePattern(JSON.stringify(pattern)), event);
}

// Arrays in Amazon EventBridge event patterns; Event Ruler README, "JSON Array Matching"
describe("arrays of objects", () => {
  const employees = {
    employees: [
      { firstName: "John", lastName: "Doe" },
      { firstName: "Anna", lastName: "Smith" },
      { firstName: "Peter", lastName: "Jones" },
    ],
  };

  it("treats each object of an array as a value of the parent field", () => {
    expect(match({ employees: { firstName: ["Anna"] } }, employees)).toBe(true);
    expect(match({ employees: { firstName: ["Mary"] } }, employees)).toBe(false);
  });

  it("takes all the fields of a match from the same element", () => {
    expect(match({ employees: { firstName: ["Anna"], lastName: ["Smith"] } }, employees)).toBe(true);
    expect(match({ employees: { firstName: ["Anna"], lastName: ["Jones"] } }, employees)).toBe(false);
  });

  it("crushes out arrays nested in arrays", () => {
    const nested = { employees: [employees.employees.slice(0, 2), employees.employees.slice(2)] };
    expect(match({ employees: { firstName: ["Peter"], lastName: ["Jones"] } }, nested)).toBe(true);
    expect(match({ employees: { firstName: ["John"], lastName: ["Jones"] } }, nested)).toBe(false);
  });

  it("lets fields of different arrays come from any of their elements", () => {
    const event = { a: [{ x: 1 }, { x: 2 }], b: [{ y: 3 }, { y: 4 }] };
    expect(match({ a: { x: [2] }, b: { y: [3] } }, event)).toBe(true);
  });

  it("keeps an element's own nested arrays with it", () => {
    const event = {
      orders: [
        {
          id: "o-1",
          lines: [
            { sku: "A", qty: 1 },
            { sku: "B", qty: 5 },
          ],
        },
        { id: "o-2", lines: [{ sku: "A", qty: 9 }] },
      ],
    };
    expect(match({ orders: { id: ["o-2"], lines: { sku: ["A"], qty: [{ numeric: [">", 5] }] } } }, event)).toBe(true);
    expect(match({ orders: { id: ["o-1"], lines: { sku: ["A"], qty: [{ numeric: [">", 5] }] } } }, event)).toBe(false);
    expect(match({ orders: { lines: { sku: ["A"], qty: [5] } } }, event)).toBe(false);
    expect(match({ orders: { lines: { sku: ["B"], qty: [5] } } }, event)).toBe(true);
  });

  it("pairs a field outside the array with any element", () => {
    const event = { source: "shop", items: [{ sku: "A" }, { sku: "B" }] };
    expect(match({ source: ["shop"], items: { sku: ["B"] } }, event)).toBe(true);
  });

  it("keeps $or alternatives within one element too", () => {
    const event = {
      items: [
        { kind: "book", price: 5 },
        { kind: "game", price: 50 },
      ],
    };
    const pattern = {
      items: { kind: ["book"], $or: [{ price: [{ numeric: [">", 20] }] }, { discount: [{ exists: true }] }] },
    };
    expect(match(pattern, event)).toBe(false);
    expect(match(pattern, { items: [...event.items, { kind: "book", price: 30 }] })).toBe(true);
  });

  it("matches scalars and objects mixed in one array", () => {
    const event = { values: ["a", { b: "c" }, 3] };
    expect(match({ values: ["a"] }, event)).toBe(true);
    expect(match({ values: [3] }, event)).toBe(true);
    expect(match({ values: { b: ["c"] } }, event)).toBe(true);
  });
});

// Event Ruler README, "Compiled rules and JSON keys with dots": EventBridge joins field names with "."
describe("field names with dots", () => {
  it("matches a dotted pattern key against nested event fields", () => {
    expect(match({ detail: { "state.status": ["running"] } }, { detail: { state: { status: "running" } } })).toBe(true);
  });

  it("matches nested pattern fields against a dotted event key", () => {
    expect(match({ detail: { state: { status: ["running"] } } }, { detail: { "state.status": "running" } })).toBe(true);
  });

  it("still needs the whole path", () => {
    expect(
      match({ detail: { "state.status": { status: ["running"] } } }, { detail: { state: { status: "running" } } }),
    ).toBe(false);
    expect(
      match({ detail: { state: { status: ["running"] } } }, { detail: { "state.status": { status: "running" } } }),
    ).toBe(false);
  });
});

// Content filtering: Numeric matching; Amazon EventBridge event patterns (numbers)
describe("numbers", () => {
  it("treats 300, 300.0 and 3.0e2 as the same number in exact matches", () => {
    const pattern = parsePattern('{"number": [300]}');
    expect(matches(pattern, JSON.parse('{"number": 300.0}'))).toBe(true);
    expect(matches(pattern, JSON.parse('{"number": 3.0e2}'))).toBe(true);
    expect(matches(parsePattern('{"number": [3.0e2]}'), { number: 300 })).toBe(true);
    expect(matches(parsePattern('{"number": [3.0]}'), { number: 3 })).toBe(true);
  });

  it("compares -0 and 0 as equal", () => {
    expect(matches(parsePattern('{"n": [-0]}'), { n: 0 })).toBe(true);
    expect(matches(parsePattern('{"n": [{"numeric": ["=", 0]}]}'), JSON.parse('{"n": -0.0}'))).toBe(true);
  });

  it("compares numeric bounds written in exponent notation", () => {
    expect(match({ n: [{ numeric: ["=", 3.018e2] }] }, { n: 301.8 })).toBe(true);
    expect(matches(parsePattern('{"n": [{"numeric": [">", 1e3]}]}'), { n: 1000.5 })).toBe(true);
    expect(matches(parsePattern('{"n": [{"numeric": ["<", -2.5E-3]}]}'), { n: -0.003 })).toBe(true);
  });

  it("is precise to six decimal places", () => {
    expect(match({ n: [{ numeric: [">", 0.000001] }] }, { n: 0.000002 })).toBe(true);
    expect(match({ n: [{ numeric: [">", 0.000001] }] }, { n: 0.000001 })).toBe(false);
    expect(match({ n: [{ numeric: ["=", 123456.654321] }] }, { n: 123456.654321 })).toBe(true);
  });

  it("matches numbers up to and including ±5.0e9 in numeric ranges", () => {
    expect(match({ n: [{ numeric: [">=", 4999999999] }] }, { n: 5e9 })).toBe(true);
    expect(match({ n: [{ numeric: ["<=", -4999999999] }] }, { n: -5e9 })).toBe(true);
  });

  it("does not match numbers beyond ±5.0e9 in numeric ranges", () => {
    expect(match({ n: [{ numeric: [">", 0] }] }, { n: 5e9 + 1 })).toBe(false);
    expect(match({ n: [{ numeric: ["<", 0] }] }, { n: -6e9 })).toBe(false);
    expect(match({ n: [{ numeric: [">", 0] }] }, { n: 1e300 })).toBe(false);
  });

  it("still matches large numbers exactly, such as account numbers", () => {
    expect(match({ account: [123456789012] }, { account: 123456789012 })).toBe(true);
    expect(match({ account: [123456789012] }, { account: 123456789013 })).toBe(false);
    expect(match({ n: [{ "anything-but": [1, 2] }] }, { n: 123456789012 })).toBe(true);
  });

  it("matches negative numbers and zero", () => {
    expect(match({ n: [{ numeric: [">", -1, "<", 1] }] }, { n: 0 })).toBe(true);
    expect(match({ n: [-1.5] }, { n: -1.5 })).toBe(true);
    expect(match({ n: [{ "anything-but": 0 }] }, { n: 0 })).toBe(false);
    expect(match({ n: [{ "anything-but": 0 }] }, { n: -1 })).toBe(true);
  });

  it("matches when one element of an array of numbers is in range", () => {
    expect(match({ n: [{ numeric: [">", 10, "<", 20] }] }, { n: [5, 15, 25] })).toBe(true);
    expect(match({ n: [{ numeric: [">", 10, "<", 20] }] }, { n: [5, 25] })).toBe(false);
  });

  it("ORs several numeric entries of one field", () => {
    const pattern = { n: [{ numeric: ["<", 0] }, { numeric: [">", 100] }] };
    expect(match(pattern, { n: -5 })).toBe(true);
    expect(match(pattern, { n: 500 })).toBe(true);
    expect(match(pattern, { n: 50 })).toBe(false);
  });
});

// Content filtering: Exists matching (null is a value; only leaves exist)
describe("exists on null, missing and arrays", () => {
  it("sees null as present and a missing field as absent", () => {
    expect(match({ detail: { responseElements: [{ exists: true }] } }, { detail: { responseElements: null } })).toBe(
      true,
    );
    expect(match({ detail: { responseElements: [{ exists: false }] } }, { detail: { responseElements: null } })).toBe(
      false,
    );
    expect(match({ detail: { responseElements: [{ exists: false }] } }, { detail: {} })).toBe(true);
    expect(match({ detail: { responseElements: [{ exists: false }] } }, {})).toBe(true);
  });

  it("sees an array holding only null as present", () => {
    expect(match({ a: [{ exists: true }] }, { a: [null] })).toBe(true);
  });

  it("ORs exists with other entries of the same field", () => {
    const pattern = { state: [{ exists: false }, "running"] };
    expect(match(pattern, {})).toBe(true);
    expect(match(pattern, { state: "running" })).toBe(true);
    expect(match(pattern, { state: "stopped" })).toBe(false);
  });

  it("sees a field below a scalar as absent", () => {
    expect(match({ detail: { state: { code: [{ exists: false }] } } }, { detail: { state: "running" } })).toBe(true);
    expect(match({ detail: { state: { code: [{ exists: true }] } } }, { detail: { state: "running" } })).toBe(false);
  });
});

// Content filtering: IP address matching
describe("CIDR boundaries", () => {
  it("includes the first and last address of a block and nothing either side", () => {
    const pattern = { ip: [{ cidr: "192.168.4.0/22" }] };
    expect(match(pattern, { ip: "192.168.4.0" })).toBe(true);
    expect(match(pattern, { ip: "192.168.7.255" })).toBe(true);
    expect(match(pattern, { ip: "192.168.3.255" })).toBe(false);
    expect(match(pattern, { ip: "192.168.8.0" })).toBe(false);
  });

  it("handles /32, /31 and /0", () => {
    expect(match({ ip: [{ cidr: "10.1.2.3/32" }] }, { ip: "10.1.2.3" })).toBe(true);
    expect(match({ ip: [{ cidr: "10.1.2.3/32" }] }, { ip: "10.1.2.4" })).toBe(false);
    expect(match({ ip: [{ cidr: "10.1.2.2/31" }] }, { ip: "10.1.2.3" })).toBe(true);
    expect(match({ ip: [{ cidr: "10.1.2.2/31" }] }, { ip: "10.1.2.4" })).toBe(false);
    expect(match({ ip: [{ cidr: "0.0.0.0/0" }] }, { ip: "255.255.255.255" })).toBe(true);
  });

  it("masks the host bits of the block's address", () => {
    expect(match({ ip: [{ cidr: "10.0.0.77/24" }] }, { ip: "10.0.0.1" })).toBe(true);
  });

  it("handles IPv6 /128, /0 and every way of writing an address", () => {
    expect(match({ ip: [{ cidr: "2001:db8::1/128" }] }, { ip: "2001:0db8:0000:0000:0000:0000:0000:0001" })).toBe(true);
    expect(match({ ip: [{ cidr: "2001:db8::1/128" }] }, { ip: "2001:db8::2" })).toBe(false);
    expect(match({ ip: [{ cidr: "::/0" }] }, { ip: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" })).toBe(true);
    expect(match({ ip: [{ cidr: "2001:DB8::/32" }] }, { ip: "2001:db8:ffff::" })).toBe(true);
    expect(match({ ip: [{ cidr: "::ffff:0:0/96" }] }, { ip: "::ffff:192.0.2.1" })).toBe(true);
  });

  it("keeps IPv4 and IPv6 apart", () => {
    expect(match({ ip: [{ cidr: "::/0" }] }, { ip: "10.0.0.1" })).toBe(false);
    expect(match({ ip: [{ cidr: "0.0.0.0/0" }] }, { ip: "::1" })).toBe(false);
  });

  it("matches any address of an event array", () => {
    expect(match({ ips: [{ cidr: "10.0.0.0/8" }] }, { ips: ["192.168.0.1", "10.9.9.9"] })).toBe(true);
  });
});

// Content filtering: Wildcard matching
describe("wildcard edges", () => {
  it("places several wildcards in order", () => {
    const pattern = { f: [{ wildcard: "a*b*c" }] };
    expect(match(pattern, { f: "abc" })).toBe(true);
    expect(match(pattern, { f: "a-b-c" })).toBe(true);
    expect(match(pattern, { f: "acb" })).toBe(false);
    expect(match(pattern, { f: "a-c-b" })).toBe(false);
  });

  it("does not let the pieces before and after a wildcard overlap", () => {
    expect(match({ f: [{ wildcard: "ab*ba" }] }, { f: "aba" })).toBe(false);
    expect(match({ f: [{ wildcard: "ab*ba" }] }, { f: "abba" })).toBe(true);
  });

  it("matches leading and trailing wildcards", () => {
    expect(match({ f: [{ wildcard: "*.png" }] }, { f: "a.png" })).toBe(true);
    expect(match({ f: [{ wildcard: "*/lib/*" }] }, { f: "/lib/" })).toBe(true);
    expect(match({ f: [{ wildcard: "*/lib/*" }] }, { f: "/usr/lib" })).toBe(false);
  });

  it("with no wildcard, matches exactly", () => {
    expect(match({ f: [{ wildcard: "exact" }] }, { f: "exact" })).toBe(true);
    expect(match({ f: [{ wildcard: "exact" }] }, { f: "exactly" })).toBe(false);
    expect(match({ f: [{ wildcard: "" }] }, { f: "" })).toBe(true);
    expect(match({ f: [{ wildcard: "" }] }, { f: "x" })).toBe(false);
  });

  it("reads regular-expression characters literally", () => {
    expect(match({ f: [{ wildcard: "a.c*" }] }, { f: "abc" })).toBe(false);
    expect(match({ f: [{ wildcard: "(a|b)*" }] }, { f: "(a|b)x" })).toBe(true);
    expect(match({ f: [{ wildcard: "^a$*" }] }, { f: "^a$" })).toBe(true);
  });

  it("matches a literal star only where it is escaped", () => {
    const pattern = parsePattern(String.raw`{"f": [{"wildcard": "*\\*"}]}`);
    expect(matches(pattern, { f: "rated 5*" })).toBe(true);
    expect(matches(pattern, { f: "rated 5" })).toBe(false);
    expect(matches(parsePattern(String.raw`{"f": [{"wildcard": "\\\\*"}]}`), { f: "\\server" })).toBe(true);
  });
});

// Content filtering: equals-ignore-case, prefix and suffix with equals-ignore-case
describe("case-insensitive matching beyond ASCII", () => {
  it("folds the case of letters outside ASCII", () => {
    expect(match({ city: [{ "equals-ignore-case": "ZÜRICH" }] }, { city: "zürich" })).toBe(true);
    expect(match({ city: [{ prefix: { "equals-ignore-case": "ÉC" } }] }, { city: "école" })).toBe(true);
    expect(match({ city: [{ "equals-ignore-case": "ZURICH" }] }, { city: "zürich" })).toBe(false);
  });
});

// Content filtering: Anything-but matching on arrays and types
describe("anything-but across types", () => {
  it("does not count a string as its number or a number as its string", () => {
    expect(match({ n: [{ "anything-but": ["1", "2"] }] }, { n: 1 })).toBe(true);
    expect(match({ n: [{ "anything-but": [1, 2] }] }, { n: "1" })).toBe(true);
  });

  it("matches booleans, which it cannot exclude", () => {
    expect(match({ b: [{ "anything-but": "true" }] }, { b: true })).toBe(true);
  });

  it("combines with other entries of the field by OR", () => {
    const pattern = { state: [{ "anything-but": { prefix: "s" } }, "stopped"] };
    expect(match(pattern, { state: "stopped" })).toBe(true);
    expect(match(pattern, { state: "starting" })).toBe(false);
    expect(match(pattern, { state: "running" })).toBe(true);
  });
});

describe("events that are not plain JSON", () => {
  it("ignores undefined values and functions as if absent", () => {
    expect(match({ a: [{ exists: false }] }, { a: undefined })).toBe(true);
    expect(match({ a: [{ exists: false }] }, { a: () => 1 })).toBe(true);
  });

  it("does not loop on an object that contains itself, and reads it once", () => {
    const event: Record<string, unknown> = { name: "loop" };
    event.self = event;
    expect(match({ name: ["loop"] }, event)).toBe(true);
    expect(match({ self: { name: ["loop"] } }, event)).toBe(false);
  });
});
