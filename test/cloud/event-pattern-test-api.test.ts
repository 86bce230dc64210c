// testEventPattern answers as the TestEventPattern API does: the pattern is
// checked first, then the event must carry the mandatory envelope fields.
import { describe, expect, it } from "vitest";
import {
  InvalidEventError,
  InvalidEventPatternError,
  REQUIRED_EVENT_FIELDS,
  testEventPattern,
} from "../../course/cloud/events/pattern/index.ts";
import { ec2StateChange } from "../fixtures/events/ec2-state-change.ts";

const event = ec2StateChange;
const eventJson = JSON.stringify(event);

function eventError(json: string): InvalidEventError {
  try {
    testEventPattern('{"source": ["aws.ec2"]}', json);
  } catch (error) {
    if (error instanceof InvalidEventError) return error;
    throw error;
  }
  throw new Error(`accepted ${json}`);
}

// TestEventPattern (EventBridge API reference)
describe("testEventPattern", () => {
  it("answers true when the event matches", () => {
    expect(testEventPattern('{"source": ["aws.ec2"], "detail": {"state": ["terminated"]}}', eventJson)).toBe(true);
  });

  it("answers false when it does not", () => {
    expect(testEventPattern('{"source": ["aws.s3"]}', eventJson)).toBe(false);
    expect(testEventPattern('{"detail": {"state": ["running"]}}', eventJson)).toBe(false);
  });

  it("matches envelope fields: source, detail-type, account, region, resources, time, id", () => {
    const pattern = JSON.stringify({
      id: ["6a7e8feb-b491-4cf7-a9f1-bf3703467718"],
      "detail-type": ["EC2 Instance State-change Notification"],
      account: ["111122223333"],
      region: [{ prefix: "us-" }],
      resources: [{ wildcard: "arn:aws:ec2:*:instance/*" }],
      time: [{ prefix: "2017-12-22" }],
      version: ["0"],
    });
    expect(testEventPattern(pattern, eventJson)).toBe(true);
  });

  it("lists the mandatory fields of the API reference", () => {
    expect([...REQUIRED_EVENT_FIELDS].sort()).toEqual(
      ["account", "detail-type", "id", "region", "resources", "source", "time"].sort(),
    );
  });

  it.each(REQUIRED_EVENT_FIELDS)("refuses an event without %s", (name) => {
    const { [name]: _dropped, ...rest } = event;
    const error = eventError(JSON.stringify(rest));
    expect(error.code).toBe("ValidationException");
    expect(error.message).toBe("Parameter Event is not valid.");
    expect(error.problem).toContain(name);
  });

  it("accepts an event without detail or version, which are not mandatory", () => {
    const { detail: _detail, version: _version, ...envelope } = event;
    expect(testEventPattern('{"source": ["aws.ec2"]}', JSON.stringify(envelope))).toBe(true);
  });

  it.each(["this is not json", '"a plain string payload"', "[]", "null", "42", ""])("refuses the event %j", (json) => {
    expect(eventError(json).message).toBe("Parameter Event is not valid.");
  });

  it("checks the pattern before the event", () => {
    expect(() => testEventPattern('{"source": "aws.ec2"}', "not json")).toThrow(InvalidEventPatternError);
    expect(() => testEventPattern("[]", eventJson)).toThrow(
      "Event pattern is not valid. Reason: Filter is not an object",
    );
  });

  it("allows patterns up to the 4096 characters of the API", () => {
    const long = JSON.stringify({ source: ["aws.ec2", "x".repeat(3000)] });
    expect(long.length).toBeGreaterThan(2048);
    expect(testEventPattern(long, eventJson)).toBe(true);
    const tooLong = JSON.stringify({ source: ["aws.ec2", "x".repeat(4100)] });
    expect(() => testEventPattern(tooLong, eventJson)).toThrow(InvalidEventPatternError);
  });

  it("matches a custom event's detail the way PutEvents would deliver it", () => {
    const custom = {
      id: "1",
      source: "com.example.orders",
      "detail-type": "Order Placed",
      account: "123456789012",
      region: "us-east-1",
      time: "2022-07-13T13:48:01Z",
      resources: [],
      detail: { order: { total: 42.5, items: [{ sku: "A-1" }, { sku: "B-2" }] }, channel: "web" },
    };
    const pattern = {
      source: ["com.example.orders"],
      detail: { order: { total: [{ numeric: [">=", 40] }], items: { sku: [{ prefix: "B-" }] } } },
    };
    expect(testEventPattern(JSON.stringify(pattern), JSON.stringify(custom))).toBe(true);
    const other = { ...pattern, detail: { channel: [{ "anything-but": "web" }] } };
    expect(testEventPattern(JSON.stringify(other), JSON.stringify(custom))).toBe(false);
  });

  it("does not read a detail that is a JSON string as an object", () => {
    const stringDetail = { ...event, detail: '{"my-key": "my-value"}' };
    expect(testEventPattern('{"detail": {"my-key": ["my-value"]}}', JSON.stringify(stringDetail))).toBe(false);
  });
});
