// EventBridge event patterns: the examples of AWS's pages on pattern syntax,
// null values and empty strings, arrays, and the summary table of comparison
// operators, each as a match and a non-match.
import { describe, expect, it } from "vitest";
import { matches, parsePattern } from "../../course/cloud/events/pattern/index.ts";
import { ec2StateChange } from "../fixtures/events/ec2-state-change.ts";

function match(pattern: unknown, event: unknown): boolean {
  return matches(parsePattern(JSON.stringify(pattern)), event);
}

const ec2Event = ec2StateChange;

const autoscalingEvent = {
  version: "0",
  id: "3e3c153a-8339-4e30-8c35-687ebef853fe",
  "detail-type": "EC2 Instance Launch Successful",
  source: "aws.autoscaling",
  account: "123456789012",
  time: "2015-11-11T21:31:47Z",
  region: "us-east-1",
  resources: [],
  detail: { eventVersion: "", responseElements: null },
};

// Amazon EventBridge event patterns / Event pattern syntax
describe("event pattern syntax", () => {
  const terminated = {
    source: ["aws.ec2"],
    "detail-type": ["EC2 Instance State-change Notification"],
    detail: { state: ["terminated"] },
  };

  it("matches the EC2 instance-termination example and ignores fields the pattern does not name", () => {
    expect(match(terminated, ec2Event)).toBe(true);
  });

  it("needs every field of the pattern", () => {
    expect(match(terminated, { ...ec2Event, detail: { "instance-id": "i-1" } })).toBe(false);
    expect(match(terminated, { ...ec2Event, source: "aws.s3" })).toBe(false);
  });

  it("needs the fields at the same nesting", () => {
    expect(match(terminated, { ...ec2Event, detail: {}, state: "terminated" })).toBe(false);
    expect(match({ state: ["terminated"] }, ec2Event)).toBe(false);
  });

  it("matches any of several values given for a field", () => {
    const pattern = { source: ["aws.ec2", "aws.fargate"] };
    expect(match(pattern, { source: "aws.fargate" })).toBe(true);
    expect(match(pattern, { source: "aws.ec2" })).toBe(true);
    expect(match(pattern, { source: "aws.s3" })).toBe(false);
  });

  it("matches strings character by character, without case folding or normalisation", () => {
    expect(match({ source: ["aws.ec2"] }, { source: "AWS.EC2" })).toBe(false);
    expect(match({ source: ["aws.ec2"] }, { source: "aws.ec2 " })).toBe(false);
    expect(match({ name: ["café"] }, { name: "cafe\u0301" })).toBe(false);
    expect(match({ Source: ["aws.ec2"] }, { source: "aws.ec2" })).toBe(false);
  });

  it("matches the field-matching example on a null responseElements", () => {
    const pattern = {
      source: ["aws.autoscaling"],
      "detail-type": ["EC2 Instance Launch Successful"],
      detail: { responseElements: [null] },
    };
    expect(match(pattern, autoscalingEvent)).toBe(true);
    expect(match(pattern, { ...autoscalingEvent, detail: { responseElements: {} } })).toBe(false);
  });

  it("matches the Macie value-matching example on numbers at two levels", () => {
    const macieEvent = {
      source: "aws.macie",
      "detail-type": "Macie Alert",
      detail: { "risk-score": 80, trigger: { "alert-type": "basic", risk: 8 }, tags: ["Custom_Alert", "Insider"] },
    };
    const pattern = {
      source: ["aws.macie"],
      "detail-type": ["Macie Alert"],
      detail: { "risk-score": [80], trigger: { risk: [8] } },
    };
    expect(match(pattern, macieEvent)).toBe(true);
    expect(match(pattern, { ...macieEvent, detail: { ...macieEvent.detail, "risk-score": 79 } })).toBe(false);
    expect(match(pattern, { ...macieEvent, detail: { ...macieEvent.detail, "risk-score": "80" } })).toBe(false);
  });

  it("matches the JSON keywords true, false and null only as themselves", () => {
    expect(match({ flag: [true] }, { flag: true })).toBe(true);
    expect(match({ flag: [true] }, { flag: "true" })).toBe(false);
    expect(match({ flag: [false] }, { flag: false })).toBe(true);
    expect(match({ flag: [false] }, { flag: 0 })).toBe(false);
    expect(match({ flag: [false] }, { flag: null })).toBe(false);
    expect(match({ flag: ["true"] }, { flag: true })).toBe(false);
  });

  it("matches numbers as numbers, never as strings", () => {
    expect(match({ n: [300] }, { n: 300 })).toBe(true);
    expect(match({ n: [300] }, { n: "300" })).toBe(false);
    expect(match({ n: ["300"] }, { n: 300 })).toBe(false);
  });

  it("uses the last of a key given twice", () => {
    // Content filtering: "if you include a key more than once the last reference will be the one used".
    const pattern = parsePattern(
      '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}',
    );
    expect(matches(pattern, { detail: { location: "eu-west" } })).toBe(true);
    expect(matches(pattern, { detail: { location: "us-east" } })).toBe(false);
  });

  it("treats a pattern as matching only JSON objects", () => {
    const pattern = parsePattern('{"a": [{"exists": false}]}');
    expect(matches(pattern, {})).toBe(true);
    expect(matches(pattern, null)).toBe(false);
    expect(matches(pattern, [])).toBe(false);
    expect(matches(pattern, "a")).toBe(false);
  });
});

// Matching null values and empty strings in Amazon EventBridge event patterns
describe("null values and empty strings", () => {
  it('matches an empty string with [""]', () => {
    expect(match({ detail: { eventVersion: [""] } }, autoscalingEvent)).toBe(true);
  });

  it("matches a null value with [null]", () => {
    expect(match({ detail: { responseElements: [null] } }, autoscalingEvent)).toBe(true);
  });

  it("does not treat null and the empty string as interchangeable", () => {
    expect(match({ detail: { responseElements: [""] } }, autoscalingEvent)).toBe(false);
    expect(match({ detail: { eventVersion: [null] } }, autoscalingEvent)).toBe(false);
  });

  it("does not match null against a field that is missing", () => {
    expect(match({ detail: { other: [null] } }, autoscalingEvent)).toBe(false);
    expect(match({ detail: { other: [""] } }, autoscalingEvent)).toBe(false);
  });

  it("does not match null against an empty array", () => {
    expect(match({ resources: [null] }, autoscalingEvent)).toBe(false);
  });
});

// Arrays in Amazon EventBridge event patterns
describe("arrays", () => {
  const pattern = {
    resources: [
      "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
      "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
      "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f",
    ],
  };

  it("matches when the pattern array and the event array intersect", () => {
    const event = {
      resources: [
        "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate",
        "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
      ],
    };
    expect(match(pattern, event)).toBe(true);
  });

  it("does not match when they do not intersect", () => {
    expect(match(pattern, { resources: ["arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f"] })).toBe(false);
    expect(match(pattern, { resources: [] })).toBe(false);
  });

  it("matches a single event value against any pattern value", () => {
    expect(match(pattern, { resources: "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f" })).toBe(true);
  });

  it("applies every kind of entry to each element of an event array", () => {
    expect(match({ tags: [{ prefix: "prod-" }] }, { tags: ["dev-a", "prod-b"] })).toBe(true);
    expect(match({ sizes: [{ numeric: [">", 10] }] }, { sizes: [1, 2, 30] })).toBe(true);
    expect(match({ sizes: [{ numeric: [">", 10] }] }, { sizes: [1, 2, 3] })).toBe(false);
    expect(match({ tags: [null] }, { tags: ["a", null] })).toBe(true);
  });

  it("reads through arrays nested in arrays", () => {
    expect(
      match(
        { grid: [5] },
        {
          grid: [
            [1, 2],
            [3, [4, 5]],
          ],
        },
      ),
    ).toBe(true);
    expect(
      match(
        { grid: [6] },
        {
          grid: [
            [1, 2],
            [3, [4, 5]],
          ],
        },
      ),
    ).toBe(false);
  });
});

// Comparison operators for use in event patterns in Amazon EventBridge (summary table)
describe("the comparison operators table", () => {
  it("And: Location is New York and Day is Monday", () => {
    const pattern = { Location: ["New York"], Day: ["Monday"] };
    expect(match(pattern, { Location: "New York", Day: "Monday" })).toBe(true);
    expect(match(pattern, { Location: "New York", Day: "Tuesday" })).toBe(false);
  });

  it("Anything-but: state is anything but initializing", () => {
    const pattern = { state: [{ "anything-but": "initializing" }] };
    expect(match(pattern, { state: "running" })).toBe(true);
    expect(match(pattern, { state: "initializing" })).toBe(false);
  });

  it("Anything-but (begins with): Region is not in the US", () => {
    const pattern = { Region: [{ "anything-but": { prefix: "us-" } }] };
    expect(match(pattern, { Region: "eu-west-1" })).toBe(true);
    expect(match(pattern, { Region: "us-east-1" })).toBe(false);
  });

  it("Anything-but (ends with): FileName does not end with .png", () => {
    const pattern = { FileName: [{ "anything-but": { suffix: ".png" } }] };
    expect(match(pattern, { FileName: "photo.jpg" })).toBe(true);
    expect(match(pattern, { FileName: "photo.png" })).toBe(false);
  });

  it("Anything-but (ignore case): state is anything but initializing in any casing", () => {
    const pattern = { state: [{ "anything-but": { "equals-ignore-case": "initializing" } }] };
    expect(match(pattern, { state: "running" })).toBe(true);
    expect(match(pattern, { state: "INITIALIZING" })).toBe(false);
    expect(match(pattern, { state: "Initializing" })).toBe(false);
  });

  it("Anything-but using a wildcard: FilePath does not include /lib/", () => {
    const pattern = { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] };
    expect(match(pattern, { FilePath: "/usr/bin/node" })).toBe(true);
    expect(match(pattern, { FilePath: "/usr/lib/node" })).toBe(false);
  });

  it("Begins with: Region is in the US", () => {
    const pattern = { Region: [{ prefix: "us-" }] };
    expect(match(pattern, { Region: "us-west-2" })).toBe(true);
    expect(match(pattern, { Region: "eu-west-1" })).toBe(false);
  });

  it("Begins with (ignore case): service starts with eventb in any casing", () => {
    const pattern = { service: [{ prefix: { "equals-ignore-case": "eventb" } }] };
    expect(match(pattern, { service: "EventBridge" })).toBe(true);
    expect(match(pattern, { service: "EVENTBRIDGE" })).toBe(true);
    expect(match(pattern, { service: "Lambda" })).toBe(false);
  });

  it("Empty: LastName is empty", () => {
    expect(match({ LastName: [""] }, { LastName: "" })).toBe(true);
    expect(match({ LastName: [""] }, { LastName: "Doe" })).toBe(false);
  });

  it("Equals: Name is Alice", () => {
    expect(match({ Name: ["Alice"] }, { Name: "Alice" })).toBe(true);
    expect(match({ Name: ["Alice"] }, { Name: "alice" })).toBe(false);
  });

  it("Equals (ignore case): Name is alice in any casing", () => {
    const pattern = { Name: [{ "equals-ignore-case": "alice" }] };
    expect(match(pattern, { Name: "Alice" })).toBe(true);
    expect(match(pattern, { Name: "ALICE" })).toBe(true);
    expect(match(pattern, { Name: "Alicia" })).toBe(false);
  });

  it("Ends with: FileName ends with .png", () => {
    expect(match({ FileName: [{ suffix: ".png" }] }, { FileName: "image.png" })).toBe(true);
    expect(match({ FileName: [{ suffix: ".png" }] }, { FileName: "image.PNG" })).toBe(false);
  });

  it("Ends with (ignore case): service ends with tbridge in any casing", () => {
    const pattern = { service: [{ suffix: { "equals-ignore-case": "tBridge" } }] };
    expect(match(pattern, { service: "EventBridge" })).toBe(true);
    expect(match(pattern, { service: "EVENTBRIDGE" })).toBe(true);
    expect(match(pattern, { service: "EventBus" })).toBe(false);
  });

  it("Exists: ProductName exists", () => {
    const pattern = { ProductName: [{ exists: true }] };
    expect(match(pattern, { ProductName: "Widget" })).toBe(true);
    expect(match(pattern, { Price: 10 })).toBe(false);
  });

  it("Does not exist: ProductName does not exist", () => {
    const pattern = { ProductName: [{ exists: false }] };
    expect(match(pattern, { Price: 10 })).toBe(true);
    expect(match(pattern, { ProductName: "Widget" })).toBe(false);
  });

  it("Not: Weather is anything but Raining", () => {
    const pattern = { Weather: [{ "anything-but": ["Raining"] }] };
    expect(match(pattern, { Weather: "Sunny" })).toBe(true);
    expect(match(pattern, { Weather: "Raining" })).toBe(false);
  });

  it("Null: UserID is null", () => {
    expect(match({ UserID: [null] }, { UserID: null })).toBe(true);
    expect(match({ UserID: [null] }, { UserID: "u-1" })).toBe(false);
  });

  it("Numeric (equals): Price is 100", () => {
    const pattern = { Price: [{ numeric: ["=", 100] }] };
    expect(match(pattern, { Price: 100 })).toBe(true);
    expect(match(pattern, { Price: 100.5 })).toBe(false);
  });

  it("Numeric (range): Price is more than 10 and at most 20", () => {
    const pattern = { Price: [{ numeric: [">", 10, "<=", 20] }] };
    expect(match(pattern, { Price: 20 })).toBe(true);
    expect(match(pattern, { Price: 10.5 })).toBe(true);
    expect(match(pattern, { Price: 10 })).toBe(false);
    expect(match(pattern, { Price: 20.01 })).toBe(false);
  });

  it("Or: PaymentType is Credit or Debit", () => {
    const pattern = { PaymentType: ["Credit", "Debit"] };
    expect(match(pattern, { PaymentType: "Debit" })).toBe(true);
    expect(match(pattern, { PaymentType: "Cash" })).toBe(false);
  });

  it("Or (multiple fields): Location is New York, or Day is Monday", () => {
    const pattern = { $or: [{ Location: ["New York"] }, { Day: ["Monday"] }] };
    expect(match(pattern, { Location: "New York", Day: "Friday" })).toBe(true);
    expect(match(pattern, { Location: "Paris", Day: "Monday" })).toBe(true);
    expect(match(pattern, { Location: "Paris", Day: "Friday" })).toBe(false);
  });

  it("Wildcard: any .png file in the folder dir", () => {
    const pattern = { FileName: [{ wildcard: "dir/*.png" }] };
    expect(match(pattern, { FileName: "dir/image.png" })).toBe(true);
    expect(match(pattern, { FileName: "dir/sub/image.png" })).toBe(true);
    expect(match(pattern, { FileName: "other/image.png" })).toBe(false);
    expect(match(pattern, { FileName: "dir/image.jpg" })).toBe(false);
  });
});
