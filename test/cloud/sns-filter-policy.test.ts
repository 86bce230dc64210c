// SNS filter policies against the examples of the Amazon SNS Developer Guide
// ("String value matching", "Numeric value matching", "Key matching",
// "AND/OR logic", "Example filter policies", "Filter policy constraints").
import { describe, expect, it } from "vitest";
import type { QueueMessageAttribute } from "../../course/cloud/queue-delivery.ts";
import { acceptsMessage, type FilterPolicyScope, parseFilterPolicy } from "../../course/cloud/sns/index.ts";

type Attribute = { Type: string; Value: string | number };

/** Attributes as the guide writes them: {"name": {"Type": …, "Value": …}} */
function attributes(documented: Record<string, Attribute>): Record<string, QueueMessageAttribute> {
  return Object.fromEntries(
    Object.entries(documented).map(([name, { Type, Value }]) => [name, { DataType: Type, StringValue: String(Value) }]),
  );
}

function onAttributes(policy: string, documented: Record<string, Attribute>): boolean {
  return acceptsMessage(parseFilterPolicy(policy, "MessageAttributes"), {
    body: "",
    attributes: attributes(documented),
  });
}

function onBody(policy: string, body: string): boolean {
  return acceptsMessage(parseFilterPolicy(policy, "MessageBody"), { body, attributes: {} });
}

function refusal(policy: string, scope: FilterPolicyScope = "MessageAttributes"): string {
  try {
    parseFilterPolicy(policy, scope);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`accepted ${policy}`);
}

const string = (Value: string): Attribute => ({ Type: "String", Value });
const strings = (...values: string[]): Attribute => ({ Type: "String.Array", Value: JSON.stringify(values) });
const number = (Value: string | number): Attribute => ({ Type: "Number", Value });

describe("string value matching", () => {
  const exact = '{"customer_interests": ["rugby", "tennis"]}';

  it("exact matching: a String, a String.Array element, a body property", () => {
    expect(onAttributes(exact, { customer_interests: string("rugby") })).toBe(true);
    expect(onAttributes(exact, { customer_interests: string("tennis") })).toBe(true);
    expect(onAttributes(exact, { customer_interests: strings("rugby", "tennis") })).toBe(true);
    expect(onBody(exact, '{"customer_interests": "rugby"}')).toBe(true);
    expect(onAttributes(exact, { customer_interests: string("baseball") })).toBe(false);
    expect(onAttributes(exact, { customer_interests: strings("baseball") })).toBe(false);
    expect(onBody(exact, '{"customer_interests": "baseball"}')).toBe(false);
  });

  it("anything-but: no value listed; for a String.Array, no element listed", () => {
    const policy = '{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}';
    expect(onAttributes(policy, { customer_interests: string("baseball") })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string("football") })).toBe(true);
    expect(onAttributes(policy, { customer_interests: strings("baseball", "football") })).toBe(true);
    expect(onAttributes(policy, { customer_interests: strings("rugby", "baseball") })).toBe(false);
    expect(onAttributes(policy, { customer_interests: string("rugby") })).toBe(false);
    expect(onBody(policy, '{"customer_interests": ["rugby", "baseball"]}')).toBe(true);
    expect(onBody(policy, '{"customer_interests": "rugby"}')).toBe(false);
  });

  it("anything-but combined with exists false also takes a message without the key", () => {
    const policy = '{"customer_interests": [{"anything-but": ["rugby"]}, {"exists": false}]}';
    expect(onAttributes(policy, {})).toBe(true);
    expect(onAttributes(policy, { customer_interests: string("tennis") })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string("rugby") })).toBe(false);
  });

  it("anything-but with a prefix denies the order- prefix", () => {
    const policy = '{"event": [{"anything-but": {"prefix": "order-"}}]}';
    expect(onAttributes(policy, { event: string("data-entry") })).toBe(true);
    expect(onAttributes(policy, { event: string("order_number") })).toBe(true);
    expect(onAttributes(policy, { event: string("order-cancelled") })).toBe(false);
  });

  it("anything-but with a suffix", () => {
    const policy = '{"event": [{"anything-but": {"suffix": "-cancelled"}}]}';
    expect(onAttributes(policy, { event: string("order-placed") })).toBe(true);
    expect(onAttributes(policy, { event: string("order-cancelled") })).toBe(false);
  });

  it("prefix and suffix", () => {
    const prefix = '{"customer_interests": [{"prefix": "bas"}]}';
    expect(onAttributes(prefix, { customer_interests: string("baseball") })).toBe(true);
    expect(onAttributes(prefix, { customer_interests: string("basketball") })).toBe(true);
    expect(onAttributes(prefix, { customer_interests: string("rugby") })).toBe(false);
    const suffix = '{"customer_interests": [{"suffix": "ball"}]}';
    expect(onAttributes(suffix, { customer_interests: string("baseball") })).toBe(true);
    expect(onBody(suffix, '{"customer_interests": "basketball"}')).toBe(true);
    expect(onAttributes(suffix, { customer_interests: string("rugby") })).toBe(false);
  });

  it("equals-ignore-case", () => {
    const policy = '{"customer_interests": [{"equals-ignore-case": "tennis"}]}';
    expect(onAttributes(policy, { customer_interests: string("TENNIS") })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string("Tennis") })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string("baseball") })).toBe(false);
  });

  it("IP address matching with cidr", () => {
    const policy = '{"source_ip": [{"cidr": "10.0.0.0/24"}]}';
    expect(onAttributes(policy, { source_ip: string("10.0.0.0") })).toBe(true);
    expect(onAttributes(policy, { source_ip: string("10.0.0.255") })).toBe(true);
    expect(onAttributes(policy, { source_ip: string("10.1.1.0") })).toBe(false);
  });

  it("string matching is case-sensitive", () => {
    expect(onAttributes('{"store": ["example_corp"]}', { store: string("Example_Corp") })).toBe(false);
  });
});

describe("numeric value matching", () => {
  it("exact matching compares numbers, whatever their notation", () => {
    const policy = '{"price_usd": [{"numeric": ["=", 301.5]}]}';
    expect(onAttributes(policy, { price_usd: number(301.5) })).toBe(true);
    expect(onAttributes(policy, { price_usd: number("3.015e2") })).toBe(true);
    expect(onBody(policy, '{"price_usd": 301.5}')).toBe(true);
    expect(onBody(policy, '{"price_usd": 3.015e2}')).toBe(true);
    expect(onAttributes(policy, { price_usd: string("301.5") })).toBe(false);
  });

  it("anything-but over numbers", () => {
    const policy = '{"price": [{"anything-but": [100, 500]}]}';
    expect(onAttributes(policy, { price: number(101) })).toBe(true);
    expect(onAttributes(policy, { price: number(100.1) })).toBe(true);
    expect(onBody(policy, '{"price": 101}')).toBe(true);
    expect(onBody(policy, '{"price": [100, 50]}')).toBe(true);
    expect(onAttributes(policy, { price: number(100) })).toBe(false);
    expect(onBody(policy, '{"price": 100}')).toBe(false);
  });

  it("value ranges", () => {
    const negative = '{"price_usd": [{"numeric": ["<", 0]}]}';
    expect(onAttributes(negative, { price_usd: number(-0.5) })).toBe(true);
    expect(onAttributes(negative, { price_usd: number(0) })).toBe(false);
    const upTo150 = '{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}';
    expect(onAttributes(upTo150, { price_usd: number(150) })).toBe(true);
    expect(onBody(upTo150, '{"price_usd": 75}')).toBe(true);
    expect(onAttributes(upTo150, { price_usd: number(0) })).toBe(false);
    expect(onAttributes(upTo150, { price_usd: number(150.5) })).toBe(false);
  });
});

describe("key matching", () => {
  const store = string("fans");
  const interests = strings("baseball", "basketball");

  it('"exists": true needs the key', () => {
    const policy = '{"store": [{"exists": true}]}';
    expect(onAttributes(policy, { store, customer_interests: interests })).toBe(true);
    expect(onBody(policy, '{"store": "fans", "customer_interests": ["baseball", "basketball"]}')).toBe(true);
    expect(onAttributes(policy, { customer_interests: interests })).toBe(false);
    expect(onBody(policy, '{"customer_interests": ["baseball", "basketball"]}')).toBe(false);
  });

  it('"exists": false needs the key absent', () => {
    const policy = '{"store": [{"exists": false}]}';
    expect(onAttributes(policy, { store, customer_interests: interests })).toBe(false);
    expect(onBody(policy, '{"store": "fans"}')).toBe(false);
    expect(onAttributes(policy, { customer_interests: interests })).toBe(true);
    expect(onBody(policy, '{"customer_interests": ["baseball", "basketball"]}')).toBe(true);
  });
});

describe("AND/OR logic", () => {
  it("AND across keys, OR across the values of one key", () => {
    const policy = '{"customer_interests": ["rugby", "football"], "price_usd": [{"numeric": [">", 100]}]}';
    expect(onAttributes(policy, { customer_interests: string("rugby"), price_usd: number(101) })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string("football"), price_usd: number(101) })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string("rugby"), price_usd: number(100) })).toBe(false);
    expect(onAttributes(policy, { customer_interests: string("rugby") })).toBe(false);
  });

  it('"$or" between keys', () => {
    const policy = JSON.stringify({
      source: ["aws.cloudwatch"],
      $or: [{ metricName: ["CPUUtilization"] }, { namespace: ["AWS/EC2"] }],
    });
    const source = string("aws.cloudwatch");
    expect(onAttributes(policy, { source, metricName: string("CPUUtilization") })).toBe(true);
    expect(onAttributes(policy, { source, namespace: string("AWS/EC2") })).toBe(true);
    expect(onAttributes(policy, { source, namespace: string("AWS/S3") })).toBe(false);
    expect(onAttributes(policy, { metricName: string("CPUUtilization") })).toBe(false);
  });
});

describe("example filter policies", () => {
  const message = {
    customer_interests: strings("soccer", "rugby", "hockey"),
    store: string("example_corp"),
    event: string("order_placed"),
    price_usd: number("210.75"),
  };

  it("a policy that accepts the example message", () => {
    const policy = JSON.stringify({
      store: ["example_corp"],
      event: [{ "anything-but": "order_cancelled" }],
      customer_interests: ["rugby", "football", "baseball"],
      price_usd: [{ numeric: [">=", 100] }],
    });
    expect(onAttributes(policy, message)).toBe(true);
  });

  it("a policy that rejects the example message", () => {
    const policy = JSON.stringify({
      store: ["example_corp"],
      event: ["order_cancelled"],
      encrypted: [false],
      customer_interests: ["basketball", "baseball"],
    });
    expect(onAttributes(policy, message)).toBe(false);
  });

  it("the same policy on the message body, nested keys included", () => {
    const policy = '{"store": ["example_corp"], "order": {"price_usd": [{"numeric": [">=", 100]}]}}';
    expect(onBody(policy, '{"store": "example_corp", "order": {"price_usd": 210.75}}')).toBe(true);
    expect(onBody(policy, '{"store": "example_corp", "order": {"price_usd": 99}}')).toBe(false);
    expect(onBody(policy, "not json at all")).toBe(false);
  });

  it("binary attributes are not compared", () => {
    const policy = parseFilterPolicy('{"blob": [{"exists": true}]}', "MessageAttributes");
    const blob = { DataType: "Binary", BinaryValue: Buffer.from([1, 2]) };
    expect(acceptsMessage(policy, { body: "", attributes: { blob } })).toBe(false);
  });
});

describe("constraints", () => {
  it("an empty policy or {} is no policy", () => {
    expect(parseFilterPolicy("", "MessageAttributes")).toBeUndefined();
    expect(parseFilterPolicy("{}", "MessageBody")).toBeUndefined();
  });

  it("at most five keys", () => {
    const six = Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((key) => [key, ["x"]]));
    expect(refusal(JSON.stringify(six))).toBe("FilterPolicy: Filter policy can not have more than 5 keys");
    const { f: _dropped, ...five } = six;
    expect(parseFilterPolicy(JSON.stringify(five), "MessageAttributes")).toBeDefined();
  });

  it("only leaf keys count in a nested policy", () => {
    const nested = { key_a: { key_b: { key_c: ["v"] } }, key_d: { key_e: ["v"] }, key_f: ["v"] };
    expect(parseFilterPolicy(JSON.stringify(nested), "MessageBody")).toBeDefined();
  });

  it("at most 150 combinations: the product of the arrays' lengths", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(parseFilterPolicy(JSON.stringify({ a: values(10), b: values(15) }), "MessageAttributes")).toBeDefined();
    expect(refusal(JSON.stringify({ a: values(10), b: values(16) }))).toBe(
      "FilterPolicy: Filter policy is too complex",
    );
  });

  it("a nested key counts its depth: 3 x 4 x 2 x 3 = 72 in the guide's example", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    const example = { key_a: { key_b: { key_c: values(4) } }, key_d: { key_e: values(3) } };
    expect(parseFilterPolicy(JSON.stringify(example), "MessageBody")).toBeDefined();
    // one more value on key_c: 3 x 5 x 2 x 3 = 90; key_e with 5 values as well: 3 x 5 x 2 x 5 = 150
    const limit = { key_a: { key_b: { key_c: values(5) } }, key_d: { key_e: values(5) } };
    expect(parseFilterPolicy(JSON.stringify(limit), "MessageBody")).toBeDefined();
    const over = { key_a: { key_b: { key_c: values(6) } }, key_d: { key_e: values(5) } };
    expect(refusal(JSON.stringify(over), "MessageBody")).toBe("FilterPolicy: Filter policy is too complex");
  });

  it('"$or" alternatives add their combinations up', () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    // 5 x 15 + 5 x 15 = 150
    const atLimit = { source: values(5), $or: [{ a: values(15) }, { b: values(15) }] };
    expect(parseFilterPolicy(JSON.stringify(atLimit), "MessageAttributes")).toBeDefined();
    const over = { source: values(5), $or: [{ a: values(15) }, { b: values(16) }] };
    expect(refusal(JSON.stringify(over))).toBe("FilterPolicy: Filter policy is too complex");
  });

  it("attribute policies cannot nest", () => {
    expect(refusal('{"order": {"price": [1]}}')).toBe(
      "Filter policy scope MessageAttributes does not support nested filter policy",
    );
  });

  it("refuses what is not JSON, and operators it does not know, in SNS's words", () => {
    expect(refusal("{not json")).toBe("FilterPolicy: failed to parse JSON.");
    expect(refusal('{"a": [{"regex": "x"}]}')).toBe("FilterPolicy: Unrecognized match type regex");
    expect(refusal('{"a": [{"wildcard": "x*"}]}')).toBe("FilterPolicy: Unrecognized match type wildcard");
    expect(refusal('{"a": [{"numeric": [">", "one"]}]}')).toBe("FilterPolicy: Value of > must be numeric");
    expect(refusal('{"a": [{"exists": "yes"}]}')).toBe(
      "FilterPolicy: exists match pattern must be either true or false.",
    );
    expect(refusal('{"a": [{"cidr": "10.0.0.0"}]}')).toBe("FilterPolicy: Malformed CIDR, one '/' required");
    expect(refusal('{"a": []}')).toBe("FilterPolicy: Empty arrays are not allowed");
    expect(refusal('{"a": "x"}')).toBe('FilterPolicy: "a" must be an object or an array');
  });
});
