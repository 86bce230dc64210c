// Input paths and input templates against the examples of "Amazon EventBridge
// input transformation", on its Amazon EC2 example event.
import { describe, expect, it } from "vitest";
import { readJsonPath, renderTemplate } from "../../course/cloud/eventbridge/index.ts";

const event = {
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2015-11-11T21:29:54Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  detail: { "instance-id": "i-0123456789", state: "RUNNING" },
};

const variables = new Map<string, unknown>([
  ["timestamp", readJsonPath(event, "$.time")],
  ["instance", readJsonPath(event, "$.detail.instance-id")],
  ["state", readJsonPath(event, "$.detail.state")],
  ["aws.events.rule-arn", "arn:aws:events:us-east-2:123456789012:rule/example"],
  ["aws.events.rule-name", "example"],
]);

describe("JSON paths", () => {
  it("reads dot notation with dashes, indices, bracketed names and wildcards", () => {
    expect(readJsonPath(event, "$")).toBe(event);
    expect(readJsonPath(event, "$.detail.instance-id")).toBe("i-0123456789");
    expect(readJsonPath(event, "$.resources[0]")).toBe(event.resources[0]);
    expect(readJsonPath(event, "$['detail-type']")).toBe(event["detail-type"]);
    expect(readJsonPath(event, "$.detail.*")).toEqual(["i-0123456789", "RUNNING"]);
    expect(readJsonPath({ items: [{ id: 1 }, { id: 2 }] }, "$.items[*].id")).toEqual([1, 2]);
  });

  it("finds nothing where the event has nothing, and reads no other syntax", () => {
    expect(readJsonPath(event, "$.detail.missing")).toBeUndefined();
    expect(readJsonPath(event, "$.resources[3]")).toBeUndefined();
    expect(readJsonPath(event, "detail.state")).toBeUndefined();
    expect(readJsonPath(event, "$..state")).toBeUndefined();
  });
});

describe("input templates", () => {
  const render = (template: string) => renderTemplate(template, variables);

  it("a simple string", () => {
    expect(render('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });

  it("a string with escaped quotes", () => {
    expect(render('"instance \\"<instance>\\" is in <state>"')).toBe('"instance \\"i-0123456789\\" is in RUNNING"');
  });

  it("simple JSON: unquoted placeholders become JSON values", () => {
    expect(JSON.parse(render('{"instance" : <instance>, "state": <state>}'))).toEqual({
      instance: "i-0123456789",
      state: "RUNNING",
    });
  });

  it("JSON with strings and variables: quoted placeholders are inserted as is", () => {
    const template =
      '{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>"}';
    expect(JSON.parse(render(template))).toEqual({
      instance: "i-0123456789",
      state: "RUNNING",
      instanceStatus: 'instance "i-0123456789" is in RUNNING',
    });
  });

  it("JSON with a mix of variables and static information", () => {
    expect(
      JSON.parse(render('{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}')),
    ).toEqual({
      instance: "i-0123456789",
      state: [9, "RUNNING", true],
      Transformed: "Yes",
    });
  });

  it("reserved variables in JSON and in a string", () => {
    const template = '{"ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>}';
    expect(JSON.parse(render(template))).toEqual({
      ruleArn: "arn:aws:events:us-east-2:123456789012:rule/example",
      ruleName: "example",
    });
    expect(render('"<aws.events.rule-name> triggered"')).toBe('"example triggered"');
  });

  it("an object placed in a string loses its internal quotes; as a value it stays JSON", () => {
    const withDetail = new Map<string, unknown>([["detail", { key1: "value1" }]]);
    expect(renderTemplate('"Detail is <detail>"', withDetail)).toBe('"Detail is {key1:value1}"');
    expect(JSON.parse(renderTemplate('{"detail": <detail>}', withDetail))).toEqual({ detail: { key1: "value1" } });
  });

  it("a variable whose path found nothing is empty in a string and null as a value", () => {
    const missing = new Map<string, unknown>([["gone", undefined]]);
    expect(renderTemplate('"[<gone>]"', missing)).toBe('"[]"');
    expect(JSON.parse(renderTemplate('{"gone": <gone>}', missing))).toEqual({ gone: null });
  });

  it("keeps text that only looks like a placeholder", () => {
    expect(render('"a <b and <unknown> stay"')).toBe('"a <b and <unknown> stay"');
  });
});
