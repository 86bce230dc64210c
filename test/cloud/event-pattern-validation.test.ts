// parsePattern refuses what EventBridge refuses, with InvalidEventPatternException
// messages worded as AWS's ("Event pattern is not valid. Reason: ...").
import { describe, expect, it } from "vitest";
import {
  EVENT_PATTERN_MAX_LENGTH,
  EVENT_PATTERN_QUOTA,
  InvalidEventPatternError,
  matches,
  parsePattern,
} from "../../course/cloud/events/pattern/index.ts";

function refusal(json: string): InvalidEventPatternError {
  try {
    parsePattern(json);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error;
    throw error;
  }
  throw new Error(`accepted ${json}`);
}

function reasonFor(pattern: unknown): string {
  return refusal(JSON.stringify(pattern)).reason;
}

function field(entry: unknown): unknown {
  return { detail: { field: [entry] } };
}

describe("the error", () => {
  it("carries AWS's code, message prefix and the reason alone", () => {
    const error = refusal('{"resources": []}');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("InvalidEventPatternError");
    expect(error.code).toBe("InvalidEventPatternException");
    expect(error.message).toBe("Event pattern is not valid. Reason: Empty arrays are not allowed");
    expect(error.reason).toBe("Empty arrays are not allowed");
  });
});

// TestEventPattern / PutRule: InvalidEventPatternException for a pattern that is not JSON or not an object
describe("malformed JSON and non-object patterns", () => {
  it.each(["this is valid json but not a dict", "{'bad': 'quotation'}", '{"not": closed mark"', '{"a": [1],}', ""])(
    "refuses %j as not JSON",
    (json) => {
      expect(refusal(json).message).toMatch(/^Event pattern is not valid\. Reason: ./);
    },
  );

  it.each(['["not", "a", "dict", "but valid json"]', "null", "42", '"source"', "true"])(
    "refuses %s as not an object",
    (json) => {
      expect(refusal(json).reason).toBe("Filter is not an object");
    },
  );
});

// Event pattern syntax: field values are arrays (or objects that nest further)
describe("the shape of fields", () => {
  it("refuses a leaf value that is not in an array", () => {
    expect(reasonFor({ int: 42 })).toBe('"int" must be an object or an array');
    expect(reasonFor({ string: "my-value" })).toBe('"string" must be an object or an array');
    expect(reasonFor({ detail: { state: null } })).toBe('"state" must be an object or an array');
    expect(reasonFor({ flag: true })).toBe('"flag" must be an object or an array');
  });

  it("refuses empty arrays and empty objects", () => {
    expect(reasonFor({ resources: [] })).toBe("Empty arrays are not allowed");
    expect(reasonFor({})).toBe("Empty objects are not allowed");
    expect(reasonFor({ detail: {} })).toBe("Empty objects are not allowed");
  });

  it("refuses an array inside a field's array", () => {
    expect(reasonFor({ a: [["x"]] })).toBe("Match value must be String, number, true, false, or null");
  });

  it("refuses an empty match expression", () => {
    expect(reasonFor({ a: [{}] })).toBe("Match expression name not found");
  });
});

// Comparison operators: only the documented operators, spelled as documented
describe("operators", () => {
  it("refuses unknown operators, which are case sensitive", () => {
    expect(reasonFor({ detail: { equal: [{ NUMERIC: ["=", 5] }] } })).toBe("Unrecognized match type NUMERIC");
    expect(reasonFor({ my_key: [{ EXISTS: true }] })).toBe("Unrecognized match type EXISTS");
    expect(reasonFor(field({ contains: "x" }))).toBe("Unrecognized match type contains");
    expect(reasonFor(field({ "anything-but-not": "x" }))).toBe("Unrecognized match type anything-but-not");
  });

  it("refuses two operators in one expression", () => {
    expect(reasonFor(field({ prefix: "a", suffix: "b" }))).toBe("Only one key allowed in match expression");
    expect(reasonFor(field({ exists: true, prefix: "a" }))).toBe("Only one key allowed in match expression");
    expect(reasonFor(field({ numeric: [">", 0], prefix: "a" }))).toBe("Too many elements in numeric expression");
    expect(reasonFor(field({ "anything-but": "a", prefix: "b" }))).toBe("Too many elements in numeric expression");
  });

  it("refuses prefix and suffix that are not strings", () => {
    expect(reasonFor({ time: [{ prefix: 123 }] })).toBe("prefix match pattern must be a string");
    expect(reasonFor({ time: [{ prefix: ["2022-07-13"] }] })).toBe("prefix match pattern must be a string");
    expect(reasonFor({ time: [{ prefix: null }] })).toBe("prefix match pattern must be a string");
    expect(reasonFor({ FileName: [{ suffix: 123 }] })).toBe("suffix match pattern must be a string");
    expect(reasonFor({ FileName: [{ suffix: [".png"] }] })).toBe("suffix match pattern must be a string");
  });

  it("takes only equals-ignore-case inside prefix and suffix, with a string", () => {
    expect(reasonFor(field({ prefix: { "equals-ignore-case": 5 } }))).toBe(
      "equals-ignore-case match pattern must be a string",
    );
    expect(reasonFor(field({ suffix: { wildcard: "*.png" } }))).toBe("suffix match pattern must be a string");
    expect(reasonFor(field({ prefix: {} }))).toBe("prefix match pattern must be a string");
    expect(reasonFor(field({ prefix: { "equals-ignore-case": "a", other: "b" } }))).toBe(
      "Only one key allowed in match expression",
    );
  });

  it("refuses equals-ignore-case that is not a string", () => {
    expect(reasonFor({ "detail-type": [{ "equals-ignore-case": ["ec2 instance state-change notification"] }] })).toBe(
      "equals-ignore-case match pattern must be a string",
    );
    expect(reasonFor({ "detail-type": [{ "equals-ignore-case": { prefix: "ec2" } }] })).toBe(
      "equals-ignore-case match pattern must be a string",
    );
  });

  it("refuses exists that is not true or false", () => {
    expect(reasonFor(field({ exists: "true" }))).toBe("exists match pattern must be either true or false.");
    expect(reasonFor(field({ exists: 1 }))).toBe("exists match pattern must be either true or false.");
  });
});

// Content filtering: Numeric matching
describe("numeric", () => {
  it.each<[unknown, string]>([
    [10, "Value of numeric must be an array."],
    [[], "Invalid member in numeric match: ]"],
    [[5], "Invalid member in numeric match: 5"],
    [["==", 5], "Unrecognized numeric range operator: =="],
    [["=", "5"], "Value of equals must be numeric"],
    [["="], "Value of equals must be numeric"],
    [[">", null], "Value of > must be numeric"],
    [[">", 0, ">", 0], "Bad numeric range operator: >"],
    [[">", 0, "="], "Bad numeric range operator: ="],
    [[">", 0, 10], "Bad value in numeric range: 10"],
    [[">", 0, "<"], "Value of < must be numeric"],
    [[">=", 0, "<=", "5"], "Value of <= must be numeric"],
    [["=", 5, "<", 6], "Too many elements in numeric expression"],
    [["<", 10, ">", 0], "Too many elements in numeric expression"],
    [[">", 0, "<", 10, "<", 20], "Too many terms in numeric range expression"],
    [[">", 10, "<", 5], "Bottom must be less than top"],
    [[">=", 5, "<=", 5], "Bottom must be less than top"],
    [[">", 5e9 + 1], "Value must be between -5.0E9 and 5.0E9, inclusive"],
    [["<", -6e9], "Value must be between -5.0E9 and 5.0E9, inclusive"],
    [["=", 1e10], "Value must be between -5.0E9 and 5.0E9, inclusive"],
  ])("refuses %j: %s", (numeric, reason) => {
    expect(reasonFor(field({ numeric }))).toBe(reason);
  });

  it("accepts the limits themselves, -5.0e9 and +5.0e9", () => {
    expect(() => parsePattern('{"n": [{"numeric": [">=", -5.0e9, "<=", 5.0e9]}]}')).not.toThrow();
  });
});

// Content filtering: Anything-but matching
describe("anything-but", () => {
  it.each<[unknown, string]>([
    [null, "Value of anything-but must be an array or single string/number value."],
    [true, "Value of anything-but must be an array or single string/number value."],
    [[null], "Inside anything but list, start|null|boolean is not supported."],
    [["a", false], "Inside anything but list, start|null|boolean is not supported."],
    [[{ prefix: "a" }], "Inside anything but list, start|null|boolean is not supported."],
    [["a", 1], "Inside anything but list, either all values are number or string, mixed type is not supported"],
    [[], "Inside anything but list, either all values are number or string, mixed type is not supported"],
    [{}, "Anything-But expression name not found"],
    [{ numeric: [">", 1] }, "Unsupported anything-but pattern: numeric"],
    [{ exists: true }, "Unsupported anything-but pattern: exists"],
    [{ prefix: 123 }, "prefix/suffix match pattern must be a string"],
    [{ prefix: [123, "test"] }, "prefix/suffix match pattern must be a string"],
    [{ suffix: 123 }, "prefix/suffix match pattern must be a string"],
    [{ suffix: [123, ".txt"] }, "prefix/suffix match pattern must be a string"],
    [{ prefix: "" }, "Null prefix/suffix not allowed"],
    [{ suffix: "" }, "Null prefix/suffix not allowed"],
    [
      { prefix: { "equals-ignore-case": "file" } },
      "Value of anything-but must be an array or single string/number value.",
    ],
    [
      { suffix: { "equals-ignore-case": ".png" } },
      "Value of anything-but must be an array or single string/number value.",
    ],
    [
      { "equals-ignore-case": 123 },
      "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
    ],
    [
      { "equals-ignore-case": [123, 456] },
      "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
    ],
    [{ wildcard: 123 }, "wildcard match pattern must be a string"],
    [{ wildcard: [123, "*/dir/*"] }, "wildcard match pattern must be a string"],
    [{ wildcard: "a**" }, "Consecutive wildcard characters at pos 2"],
    [{ prefix: "a", suffix: "b" }, "Only one key allowed in match expression"],
    [6e9, "Value must be between -5.0E9 and 5.0E9, inclusive"],
    [[1, 6e9], "Value must be between -5.0E9 and 5.0E9, inclusive"],
  ])("refuses %j: %s", (operand, reason) => {
    expect(reasonFor(field({ "anything-but": operand }))).toBe(reason);
  });
});

// Content filtering: IP address matching
describe("cidr", () => {
  it.each<[unknown, string]>([
    [["bad-type"], "prefix match pattern must be a string"],
    [10, "prefix match pattern must be a string"],
    ["10.0.0.0", "Malformed CIDR, one '/' required"],
    ["10.0.0.0/24/8", "Malformed CIDR, one '/' required"],
    ["10.0.0.0/xx", "Malformed CIDR, mask bits must be an integer"],
    ["10.0.0.0/", "Malformed CIDR, mask bits must be an integer"],
    ["xx.11.xx/24", "Nonstandard IP address: xx.11.xx"],
    ["10.0.0.256/24", "Nonstandard IP address: 10.0.0.256"],
    ["xxxx:db8:1234:1a00::/64", "Nonstandard IP address: xxxx:db8:1234:1a00::"],
    ["1::2::3/64", "Nonstandard IP address: 1::2::3"],
    ["10.0.0.0/33", "Malformed CIDR, mask bits must be between 0 and 32"],
    ["2001:db8::/129", "Malformed CIDR, mask bits must be between 0 and 128"],
  ])("refuses %j: %s", (cidr, reason) => {
    expect(reasonFor({ detail: { sourceIPAddress: [{ cidr }] } })).toBe(reason);
  });
});

// Content filtering: Wildcard matching ("consecutive wildcard characters are not supported";
// the backslash escapes only * and \)
describe("wildcard", () => {
  it("refuses a value that is not a string", () => {
    expect(reasonFor({ EventBusArn: [{ wildcard: 123 }] })).toBe("wildcard match pattern must be a string");
    expect(reasonFor({ EventBusArn: [{ wildcard: ["arn:*"] }] })).toBe("wildcard match pattern must be a string");
  });

  it("refuses consecutive wildcards, naming the position of the second", () => {
    expect(reasonFor({ EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:**:event-bus/*" }] })).toBe(
      "Consecutive wildcard characters at pos 26",
    );
  });

  it("refuses a backslash before anything but * or \\", () => {
    expect(reasonFor(field({ wildcard: "a\\b*" }))).toBe("Invalid escape character at pos 1");
    expect(reasonFor(field({ wildcard: "a*\\" }))).toBe("Invalid escape character at pos 2");
  });

  it("accepts an escaped star next to a wildcard", () => {
    expect(() => parsePattern(JSON.stringify(field({ wildcard: "\\**" })))).not.toThrow();
    expect(() => parsePattern(JSON.stringify(field({ wildcard: "*\\\\*" })))).not.toThrow();
  });
});

// Content filtering: Or matching ($or takes an array of two or more objects)
describe("$or", () => {
  it("refuses $or that is not an array", () => {
    expect(reasonFor({ $or: { metricType: ["MetricType"] } })).toBe("It must be an Array followed with $or.");
    expect(reasonFor({ detail: { $or: "x" } })).toBe("It must be an Array followed with $or.");
  });

  it("refuses fewer than two alternatives", () => {
    expect(reasonFor({ $or: [] })).toBe("There must have at least 2 Objects in $or relationship.");
    expect(reasonFor({ $or: [{ a: [1] }] })).toBe("There must have at least 2 Objects in $or relationship.");
  });

  it("refuses alternatives that are not objects, or are empty", () => {
    expect(reasonFor({ $or: [{ a: [1] }, ["b"]] })).toBe("Only JSON object is allowed in array of $or relationship.");
    expect(reasonFor({ $or: [{ a: [1] }, "b"] })).toBe("Only JSON object is allowed in array of $or relationship.");
    expect(reasonFor({ $or: [{ a: [1] }, {}] })).toBe("Empty objects are not allowed");
  });

  it("refuses operator names as field names inside $or, at any depth", () => {
    expect(reasonFor({ $or: [{ numeric: [123] }, { prefix: ["abc"] }] })).toBe(
      "numeric is Ruler reserved fieldName which cannot be used inside $or.",
    );
    expect(reasonFor({ $or: [{ a: { exists: [1] } }, { b: [2] }] })).toBe(
      "exists is Ruler reserved fieldName which cannot be used inside $or.",
    );
  });

  it("checks the alternatives like any other pattern", () => {
    expect(reasonFor({ $or: [{ a: [1] }, { b: [{ prefix: 1 }] }] })).toBe("prefix match pattern must be a string");
    expect(reasonFor({ $or: [{ a: [1] }, { b: "x" }] })).toBe('"b" must be an object or an array');
  });

  it("allows operator names as ordinary field names outside $or", () => {
    const pattern = parsePattern('{"prefix": ["x"], "detail": {"numeric": [1]}}');
    expect(matches(pattern, { prefix: "x", detail: { numeric: 1 } })).toBe(true);
  });
});

// Amazon EventBridge quotas: "Event pattern: 2048 characters maximum" (adjustable up to the
// 4096 the PutRule and TestEventPattern API references allow)
describe("length", () => {
  function patternOfLength(length: number): string {
    const shell = '{"a": [""]}';
    return `{"a": ["${"x".repeat(length - shell.length)}"]}`;
  }

  it("accepts a pattern of exactly the quota", () => {
    expect(patternOfLength(EVENT_PATTERN_QUOTA)).toHaveLength(2048);
    expect(() => parsePattern(patternOfLength(2048))).not.toThrow();
  });

  it("refuses a longer one", () => {
    expect(refusal(patternOfLength(2049)).reason).toBe("Event pattern is 2049 characters long; the maximum is 2048");
  });

  it("accepts up to a raised quota", () => {
    expect(EVENT_PATTERN_MAX_LENGTH).toBe(4096);
    expect(() => parsePattern(patternOfLength(4096), { maxLength: EVENT_PATTERN_MAX_LENGTH })).not.toThrow();
    expect(() => parsePattern(patternOfLength(4097), { maxLength: EVENT_PATTERN_MAX_LENGTH })).toThrow(
      InvalidEventPatternError,
    );
  });
});

describe("patterns that are valid", () => {
  it.each([
    '{"source": ["aws.ec2"]}',
    '{"a": [1, "1", true, false, null, {"prefix": "x"}]}',
    '{"a": [{"anything-but": {"prefix": ["init", "stop"]}}]}',
    '{"a": [{"anything-but": {"equals-ignore-case": "x"}}]}',
    '{"a": [{"anything-but": {"wildcard": ["*/lib/*", "*/bin/*"]}}]}',
    '{"a": [{"anything-but": ""}]}',
    '{"a": [{"numeric": ["<=", 5]}, {"numeric": [">", 10]}]}',
    '{"a": [{"cidr": "::/0"}, {"cidr": "0.0.0.0/0"}, {"cidr": "10.0.0.1/32"}]}',
    '{"a": [{"wildcard": ""}]}',
    '{"a": [{"equals-ignore-case": ""}]}',
    '{"a": [{"prefix": ""}]}',
    '{"$or": [{"a": [1]}, {"$or": [{"b": [2]}, {"c": [3]}]}]}',
  ])("accepts %s", (json) => {
    expect(() => parsePattern(json)).not.toThrow();
  });
});
