// Every example of AWS's "Content filtering in Amazon EventBridge event
// patterns" (now "Comparison operators for use in event patterns in Amazon
// EventBridge"), each as a match and a non-match.
import { describe, expect, it } from "vitest";
import { matches, parsePattern } from "../../course/cloud/events/pattern/index.ts";

function match(pattern: unknown, event: unknown): boolean {
  return matches(parsePattern(JSON.stringify(pattern)), event);
}

// Content filtering: Prefix matching
describe("prefix", () => {
  it("matches a time that starts with 2017-10-02", () => {
    const pattern = { time: [{ prefix: "2017-10-02" }] };
    expect(match(pattern, { time: "2017-10-02T18:43:48Z" })).toBe(true);
    expect(match(pattern, { time: "2017-10-03T18:43:48Z" })).toBe(false);
  });

  it("matches Auto Scaling events from European Regions", () => {
    const pattern = { source: ["aws.autoscaling"], region: [{ prefix: "eu-" }] };
    expect(match(pattern, { source: "aws.autoscaling", region: "eu-west-1" })).toBe(true);
    expect(match(pattern, { source: "aws.autoscaling", region: "us-east-1" })).toBe(false);
    expect(match(pattern, { source: "aws.ec2", region: "eu-west-1" })).toBe(false);
  });

  it("works only on strings", () => {
    expect(match({ code: [{ prefix: "12" }] }, { code: 123 })).toBe(false);
    expect(match({ code: [{ prefix: "nu" }] }, { code: null })).toBe(false);
    expect(match({ code: [{ prefix: "tr" }] }, { code: true })).toBe(false);
  });

  it("is case sensitive", () => {
    expect(match({ region: [{ prefix: "EU-" }] }, { region: "eu-west-1" })).toBe(false);
  });

  it("accepts the whole value and the empty prefix", () => {
    expect(match({ region: [{ prefix: "eu-west-1" }] }, { region: "eu-west-1" })).toBe(true);
    expect(match({ region: [{ prefix: "" }] }, { region: "anything" })).toBe(true);
  });
});

// Content filtering: Prefix matching while ignoring case
describe("prefix while ignoring case", () => {
  const pattern = { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } };

  it("matches EventBridge, EVENTB and eventb", () => {
    for (const service of ["EventBridge", "EVENTB", "eventb", "eVeNtBus"]) {
      expect(match(pattern, { detail: { service } })).toBe(true);
    }
  });

  it("does not match other prefixes", () => {
    expect(match(pattern, { detail: { service: "Event" } })).toBe(false);
    expect(match(pattern, { detail: { service: "MyEventBridge" } })).toBe(false);
  });
});

// Content filtering: Suffix matching
describe("suffix", () => {
  const pattern = { FileName: [{ suffix: ".png" }] };

  it("matches a FileName ending in .png", () => {
    expect(match(pattern, { FileName: "image.png" })).toBe(true);
    expect(match(pattern, { FileName: ".png" })).toBe(true);
  });

  it("does not match other endings, other casings or non-strings", () => {
    expect(match(pattern, { FileName: "image.png.txt" })).toBe(false);
    expect(match(pattern, { FileName: "image.PNG" })).toBe(false);
    expect(match({ n: [{ suffix: "5" }] }, { n: 5 })).toBe(false);
  });
});

// Content filtering: Suffix matching while ignoring case
describe("suffix while ignoring case", () => {
  const pattern = { detail: { FileName: [{ suffix: { "equals-ignore-case": ".png" } }] } };

  it("matches .png and .PNG", () => {
    expect(match(pattern, { detail: { FileName: "a.png" } })).toBe(true);
    expect(match(pattern, { detail: { FileName: "a.PNG" } })).toBe(true);
    expect(match(pattern, { detail: { FileName: "a.PnG" } })).toBe(true);
  });

  it("does not match another extension", () => {
    expect(match(pattern, { detail: { FileName: "a.jpg" } })).toBe(false);
  });
});

// Content filtering: Anything-but matching
describe("anything-but", () => {
  it("excludes a single string", () => {
    const pattern = { detail: { state: [{ "anything-but": "initializing" }] } };
    expect(match(pattern, { detail: { state: "running" } })).toBe(true);
    expect(match(pattern, { detail: { state: "initializing" } })).toBe(false);
  });

  it("excludes a single number, compared as a number", () => {
    const pattern = { detail: { "x-limit": [{ "anything-but": 123 }] } };
    expect(match(pattern, { detail: { "x-limit": 124 } })).toBe(true);
    expect(match(pattern, { detail: { "x-limit": 123 } })).toBe(false);
    expect(match(pattern, { detail: { "x-limit": 123.0 } })).toBe(false);
    expect(match(pattern, { detail: { "x-limit": "123" } })).toBe(true);
  });

  it("excludes a list of strings", () => {
    const pattern = { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } };
    expect(match(pattern, { detail: { state: "running" } })).toBe(true);
    expect(match(pattern, { detail: { state: "stopped" } })).toBe(false);
    expect(match(pattern, { detail: { state: "overloaded" } })).toBe(false);
  });

  it("excludes a list of numbers", () => {
    const pattern = { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } };
    expect(match(pattern, { detail: { "x-limit": 150 } })).toBe(true);
    expect(match(pattern, { detail: { "x-limit": 200 } })).toBe(false);
    expect(match(pattern, { detail: { "x-limit": 3e2 } })).toBe(false);
  });

  it("excludes values that start with a prefix", () => {
    const pattern = { detail: { state: [{ "anything-but": { prefix: "init" } }] } };
    expect(match(pattern, { detail: { state: "running" } })).toBe(true);
    expect(match(pattern, { detail: { state: "initializing" } })).toBe(false);
    expect(match(pattern, { detail: { state: "init" } })).toBe(false);
  });

  it("excludes values that end with a suffix", () => {
    const pattern = { detail: { FileName: [{ "anything-but": { suffix: ".txt" } }] } };
    expect(match(pattern, { detail: { FileName: "notes.md" } })).toBe(true);
    expect(match(pattern, { detail: { FileName: "notes.txt" } })).toBe(false);
  });

  it("excludes a list of values in any casing", () => {
    const pattern = { detail: { state: [{ "anything-but": { "equals-ignore-case": ["Stopped", "OverLoaded"] } }] } };
    expect(match(pattern, { detail: { state: "running" } })).toBe(true);
    expect(match(pattern, { detail: { state: "STOPPED" } })).toBe(false);
    expect(match(pattern, { detail: { state: "overloaded" } })).toBe(false);
  });

  it("excludes values that match a wildcard, or any of several", () => {
    const one = { detail: { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] } };
    expect(match(one, { detail: { FilePath: "/usr/local/bin/tool" } })).toBe(true);
    expect(match(one, { detail: { FilePath: "/usr/local/lib/tool.so" } })).toBe(false);
    const several = { detail: { FilePath: [{ "anything-but": { wildcard: ["*/lib/*", "*/bin/*"] } }] } };
    expect(match(several, { detail: { FilePath: "/usr/share/doc" } })).toBe(true);
    expect(match(several, { detail: { FilePath: "/usr/bin/tool" } })).toBe(false);
  });

  it("excludes values that start with any of several prefixes or end with any of several suffixes", () => {
    const prefixes = { state: [{ "anything-but": { prefix: ["init", "stop"] } }] };
    expect(match(prefixes, { state: "running" })).toBe(true);
    expect(match(prefixes, { state: "stopping" })).toBe(false);
    const suffixes = { file: [{ "anything-but": { suffix: [".txt", ".md"] } }] };
    expect(match(suffixes, { file: "a.png" })).toBe(true);
    expect(match(suffixes, { file: "a.md" })).toBe(false);
  });

  it("processes everything except AWS CloudTrail API calls", () => {
    const pattern = { "detail-type": [{ "anything-but": "AWS API Call via CloudTrail" }] };
    expect(match(pattern, { "detail-type": "EC2 Instance State-change Notification" })).toBe(true);
    expect(match(pattern, { "detail-type": "AWS API Call via CloudTrail" })).toBe(false);
  });

  it("sees every event except those from Amazon EC2 or Amazon S3", () => {
    const pattern = { source: [{ "anything-but": ["aws.ec2", "aws.s3"] }] };
    expect(match(pattern, { source: "aws.lambda" })).toBe(true);
    expect(match(pattern, { source: "aws.s3" })).toBe(false);
  });

  it("keeps your own events apart from AWS's, whose source starts with aws.", () => {
    const pattern = { source: [{ "anything-but": { prefix: "aws." } }] };
    expect(match(pattern, { source: "com.mycompany.orders" })).toBe(true);
    expect(match(pattern, { source: "aws.ec2" })).toBe(false);
  });

  it("matches a value of another type than those excluded, null included", () => {
    const pattern = { detail: { state: [{ "anything-but": "initializing" }] } };
    expect(match(pattern, { detail: { state: null } })).toBe(true);
    expect(match(pattern, { detail: { state: 5 } })).toBe(true);
    expect(match({ n: [{ "anything-but": { prefix: "1" } }] }, { n: 123 })).toBe(true);
  });

  it("does not match a field that is missing", () => {
    expect(match({ detail: { state: [{ "anything-but": "initializing" }] } }, { detail: {} })).toBe(false);
    expect(match({ detail: { state: [{ "anything-but": { prefix: "init" } }] } }, { detail: {} })).toBe(false);
  });

  it("matches an event array that holds at least one value not excluded", () => {
    const pattern = { tags: [{ "anything-but": "internal" }] };
    expect(match(pattern, { tags: ["internal", "public"] })).toBe(true);
    expect(match(pattern, { tags: ["internal"] })).toBe(false);
  });
});

// Content filtering: Numeric matching
describe("numeric", () => {
  const pattern = {
    detail: {
      "c-count": [{ numeric: [">", 0, "<=", 5] }],
      "d-count": [{ numeric: ["<", 10] }],
      "x-limit": [{ numeric: ["=", 3.018e2] }],
    },
  };

  it("matches only when every field is in its range", () => {
    expect(match(pattern, { detail: { "c-count": 5, "d-count": 3, "x-limit": 301.8 } })).toBe(true);
    expect(match(pattern, { detail: { "c-count": 0, "d-count": 3, "x-limit": 301.8 } })).toBe(false);
    expect(match(pattern, { detail: { "c-count": 5, "d-count": 10, "x-limit": 301.8 } })).toBe(false);
    expect(match(pattern, { detail: { "c-count": 5, "d-count": 3, "x-limit": 301.81 } })).toBe(false);
  });

  it("works only with JSON numbers", () => {
    expect(match(pattern, { detail: { "c-count": "5", "d-count": 3, "x-limit": 301.8 } })).toBe(false);
    expect(match({ n: [{ numeric: [">", 100] }] }, { n: "300" })).toBe(false);
    expect(match({ n: [{ numeric: [">=", 0] }] }, { n: null })).toBe(false);
    expect(match({ n: [{ numeric: [">=", 0] }] }, { n: true })).toBe(false);
  });

  it("honours each of =, <, <=, > and >=", () => {
    const cases: Array<[unknown[], number, boolean]> = [
      [["=", 5], 5, true],
      [["=", 5], 5.000001, false],
      [["<", 5], 4.999, true],
      [["<", 5], 5, false],
      [["<=", 5], 5, true],
      [["<=", 5], 5.1, false],
      [[">", 5], 5.1, true],
      [[">", 5], 5, false],
      [[">=", 5], 5, true],
      [[">=", 5], 4.9, false],
      [[">=", 0, "<", 10], 0, true],
      [[">=", 0, "<", 10], 10, false],
      [[">", -10, "<=", -1], -1, true],
      [[">", -10, "<=", -1], -10, false],
    ];
    for (const [numeric, value, expected] of cases) {
      expect(match({ n: [{ numeric }] }, { n: value }), `${JSON.stringify(numeric)} on ${value}`).toBe(expected);
    }
  });

  it("treats 101.0 as more than 100", () => {
    expect(match({ number: [{ numeric: [">", 100] }] }, { number: 101.0 })).toBe(true);
  });
});

// Content filtering: IP address matching
describe("IP address", () => {
  it("matches IPv4 addresses from 10.0.0.0 to 10.0.0.255", () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: "10.0.0.0/24" }] } };
    expect(match(pattern, { detail: { sourceIPAddress: "10.0.0.0" } })).toBe(true);
    expect(match(pattern, { detail: { sourceIPAddress: "10.0.0.24" } })).toBe(true);
    expect(match(pattern, { detail: { sourceIPAddress: "10.0.0.255" } })).toBe(true);
    expect(match(pattern, { detail: { sourceIPAddress: "10.0.1.0" } })).toBe(false);
    expect(match(pattern, { detail: { sourceIPAddress: "9.255.255.255" } })).toBe(false);
  });

  it("matches IPv6 addresses in 2001:db8:1234:1a00::/64", () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: "2001:db8:1234:1a00::/64" }] } };
    expect(match(pattern, { detail: { sourceIPAddress: "2001:db8:1234:1a00::1" } })).toBe(true);
    expect(match(pattern, { detail: { sourceIPAddress: "2001:0db8:1234:1a00:ffff:ffff:ffff:ffff" } })).toBe(true);
    expect(match(pattern, { detail: { sourceIPAddress: "2001:db8:1234:1a01::" } })).toBe(false);
  });

  it("does not match values that are not IP addresses", () => {
    const pattern = { ip: [{ cidr: "10.0.0.0/24" }] };
    expect(match(pattern, { ip: 123 })).toBe(false);
    expect(match(pattern, { ip: "10.0.0" })).toBe(false);
    expect(match(pattern, { ip: "10.0.0.256" })).toBe(false);
    expect(match(pattern, { ip: "host.example.com" })).toBe(false);
    expect(match(pattern, { ip: "::ffff:10.0.0.1" })).toBe(false);
  });
});

// Content filtering: Exists matching
describe("exists", () => {
  it("matches an event that has detail.state", () => {
    const pattern = { detail: { state: [{ exists: true }] } };
    const event = {
      version: "0",
      id: "7bf73129-1428-4cd3-a780-95db273d1602",
      "detail-type": "EC2 Instance State-change Notification",
      source: "aws.ec2",
      account: "123456789012",
      time: "2015-11-11T21:29:54Z",
      region: "us-east-1",
      resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
      detail: { "instance-id": "i-abcd1111", state: "pending" },
    };
    expect(match(pattern, event)).toBe(true);
  });

  it("does not match an event without detail.state", () => {
    const pattern = { detail: { state: [{ exists: true }] } };
    expect(match(pattern, { detail: { "c-count": { c1: 100 } } })).toBe(false);
  });

  it("matches an event that does not have detail.c-count", () => {
    const pattern = { detail: { "c-count": [{ exists: false }] } };
    expect(match(pattern, { detail: { state: ["initializing", "running"] } })).toBe(true);
    expect(match(pattern, { detail: { "c-count": 3 } })).toBe(false);
  });

  it("works on leaf nodes only: an object is not an existing value", () => {
    const absent = { detail: { "c-count": [{ exists: false }] } };
    expect(match(absent, { detail: { state: ["initializing", "running"], "c-count": { c1: 100 } } })).toBe(true);
    const present = { detail: { "c-count": [{ exists: true }] } };
    expect(match(present, { detail: { "c-count": { c1: 100 } } })).toBe(false);
  });

  it("selects events that have a description, for a full-text index", () => {
    const pattern = { detail: { description: [{ exists: true }] } };
    expect(match(pattern, { detail: { description: "a disk filled up" } })).toBe(true);
    expect(match(pattern, { detail: { title: "a disk filled up" } })).toBe(false);
  });

  it("counts null and the empty string as existing values", () => {
    expect(match({ a: [{ exists: true }] }, { a: null })).toBe(true);
    expect(match({ a: [{ exists: true }] }, { a: "" })).toBe(true);
    expect(match({ a: [{ exists: false }] }, { a: null })).toBe(false);
    expect(match({ a: [{ exists: false }] }, { a: "" })).toBe(false);
  });

  it("does not count an empty array or object as an existing value", () => {
    expect(match({ resources: [{ exists: true }] }, { resources: [] })).toBe(false);
    expect(match({ resources: [{ exists: false }] }, { resources: [] })).toBe(true);
    expect(match({ a: [{ exists: true }] }, { a: {} })).toBe(false);
  });

  it("counts a field inside any object of an array", () => {
    const pattern = { detail: { automations: { id: [{ exists: true }] } } };
    const event = { detail: { automations: [{ key1: "value1" }, { id: "match-does-exist" }, { key2: "value2" }] } };
    expect(match(pattern, event)).toBe(true);
    expect(match({ detail: { automations: { id: [{ exists: false }] } } }, event)).toBe(false);
  });

  it("needs its parent: exists:false matches when the whole branch is missing", () => {
    const pattern = { dynamodb: { NewImage: { homemade: { S: [{ "anything-but": ["roses"] }, { exists: false }] } } } };
    expect(match(pattern, { dynamodb: { NewImage: { purchased: { N: "789" } } } })).toBe(true);
    expect(match(pattern, { dynamodb: { NewImage: { homemade: { S: "tulips" } } } })).toBe(true);
    expect(match(pattern, { dynamodb: { NewImage: { homemade: { S: "roses" } } } })).toBe(false);
  });
});

// Content filtering: Equals-ignore-case matching
describe("equals-ignore-case", () => {
  const pattern = { "detail-type": [{ "equals-ignore-case": "ec2 instance state-change notification" }] };

  it("matches the detail-type in any casing", () => {
    expect(match(pattern, { "detail-type": "EC2 Instance State-change Notification" })).toBe(true);
    expect(match(pattern, { "detail-type": "EC2 INSTANCE STATE-CHANGE NOTIFICATION" })).toBe(true);
  });

  it("still needs the same characters", () => {
    expect(match(pattern, { "detail-type": "EC2 Instance State-change Notifications" })).toBe(false);
    expect(match({ n: [{ "equals-ignore-case": "1" }] }, { n: 1 })).toBe(false);
    expect(match({ s: [{ "equals-ignore-case": "" }] }, { s: "" })).toBe(true);
  });
});

// Content filtering: Wildcard matching
describe("wildcard", () => {
  it("matches any event bus in us-east-1, in any account", () => {
    const pattern = { EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:*:event-bus/*" }] };
    expect(match(pattern, { EventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/myEventBus" })).toBe(true);
    expect(match(pattern, { EventBusArn: "arn:aws:events:us-west-2:123456789012:event-bus/myEventBus" })).toBe(false);
  });

  it("lets * stand for nothing at all", () => {
    expect(match({ f: [{ wildcard: "Simple*Service" }] }, { f: "SimpleService" })).toBe(true);
    expect(match({ f: [{ wildcard: "*" }] }, { f: "" })).toBe(true);
    expect(match({ f: [{ wildcard: "a*" }] }, { f: "a" })).toBe(true);
  });

  it("matches a whole value, not part of it", () => {
    expect(match({ f: [{ wildcard: "dir/*.png" }] }, { f: "dir/a.png.bak" })).toBe(false);
    expect(match({ f: [{ wildcard: "dir/*.png" }] }, { f: "/dir/a.png" })).toBe(false);
  });

  it("matches repeated sequences after a wildcard", () => {
    const pattern = { FileName: [{ wildcard: "/Users/*/dir/dir/dir/dir/dir/doc.txt" }] };
    expect(match(pattern, { FileName: "/Users/ls_user/dir/dir/dir/dir/dir/doc.txt" })).toBe(true);
    expect(match(pattern, { FileName: "/Users/ls_user/dir/dir/dir/dir/doc.txt" })).toBe(false);
  });

  it("escapes a literal star and a literal backslash", () => {
    expect(match({ f: [{ wildcard: "value\\*end" }] }, { f: "value*end" })).toBe(true);
    expect(match({ f: [{ wildcard: "value\\*end" }] }, { f: "valueXend" })).toBe(false);
    expect(match({ f: [{ wildcard: "a\\\\b" }] }, { f: "a\\b" })).toBe(true);
    expect(match({ f: [{ wildcard: "a\\\\*" }] }, { f: "a\\anything" })).toBe(true);
    expect(match({ f: [{ wildcard: "a\\\\*" }] }, { f: "ab" })).toBe(false);
  });

  it("treats ? and other glob characters literally", () => {
    expect(match({ f: [{ wildcard: "com.example.?" }] }, { f: "com.example.?" })).toBe(true);
    expect(match({ f: [{ wildcard: "com.example.?" }] }, { f: "com.example.a" })).toBe(false);
    expect(match({ f: [{ wildcard: "[ab]*" }] }, { f: "a1" })).toBe(false);
  });

  it("works only on strings", () => {
    expect(match({ f: [{ wildcard: "1*" }] }, { f: 123 })).toBe(false);
  });
});

// Content filtering: Or matching ($or)
describe("$or", () => {
  const pattern = {
    detail: {
      $or: [
        { "c-count": [{ numeric: [">", 0, "<=", 5] }] },
        { "d-count": [{ numeric: ["<", 10] }] },
        { "x-limit": [{ numeric: ["=", 3.018e2] }] },
      ],
    },
  };

  it("matches when any alternative matches", () => {
    expect(match(pattern, { detail: { "c-count": 3 } })).toBe(true);
    expect(match(pattern, { detail: { "d-count": 9 } })).toBe(true);
    expect(match(pattern, { detail: { "x-limit": 301.8 } })).toBe(true);
    expect(match(pattern, { detail: { "c-count": 30, "d-count": 90, "x-limit": 1 } })).toBe(false);
    expect(match(pattern, { detail: {} })).toBe(false);
  });

  it("is ANDed with the fields beside it", () => {
    const withSource = {
      source: ["aws.cloudwatch"],
      $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
    };
    expect(match(withSource, { source: "aws.cloudwatch", namespace: "AWS/ES" })).toBe(true);
    expect(match(withSource, { source: "aws.ec2", namespace: "AWS/ES" })).toBe(false);
  });

  it("combines parallel $or groups at different levels", () => {
    const parallel = {
      $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
      detail: { $or: [{ source: ["aws.cloudwatch"] }, { "detail-type": ["CloudWatch Alarm State Change"] }] },
    };
    expect(
      match(parallel, { metricName: "ReadLatency", detail: { "detail-type": "CloudWatch Alarm State Change" } }),
    ).toBe(true);
    expect(match(parallel, { metricName: "ReadLatency", detail: { source: "aws.ec2" } })).toBe(false);
    expect(match(parallel, { metricName: "Other", detail: { source: "aws.cloudwatch" } })).toBe(false);
  });

  it("holds ANDs and further $ors inside its alternatives", () => {
    const nested = {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency"] },
        {
          metricType: ["MetricType"],
          namespace: ["AWS/EC2", "AWS/ES"],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
        { scope: ["Service"] },
      ],
    };
    const base = { source: "aws.cloudwatch" };
    expect(match(nested, { ...base, scope: "Service" })).toBe(true);
    expect(match(nested, { ...base, metricType: "MetricType", namespace: "AWS/EC2", spaceId: 1000 })).toBe(true);
    expect(match(nested, { ...base, metricType: "MetricType", namespace: "AWS/EC2", spaceId: 1001 })).toBe(false);
    expect(match(nested, { ...base, metricType: "MetricType", metricId: 1234 })).toBe(false);
  });

  it("lets an alternative test for absence", () => {
    const orExists = { $or: [{ "detail-type": ["Order Placed"] }, { detail: { order: [{ exists: false }] } }] };
    expect(match(orExists, { "detail-type": "Other", detail: {} })).toBe(true);
    expect(match(orExists, { "detail-type": "Other", detail: { order: 1 } })).toBe(false);
  });

  it("mixes numeric and anything-but alternatives", () => {
    const mixed = { detail: { $or: [{ level: [{ numeric: [">", 3] }] }, { state: [{ "anything-but": "ok" }] }] } };
    expect(match(mixed, { detail: { level: 1, state: "failed" } })).toBe(true);
    expect(match(mixed, { detail: { level: 5, state: "ok" } })).toBe(true);
    expect(match(mixed, { detail: { level: 1, state: "ok" } })).toBe(false);
  });
});

// Content filtering: Complex example with multiple matching
describe("complex example with multiple matching", () => {
  const pattern = {
    time: [{ prefix: "2017-10-02" }],
    detail: {
      state: [{ "anything-but": "initializing" }],
      "c-count": [{ numeric: [">", 0, "<=", 5] }],
      "d-count": [{ numeric: ["<", 10] }],
      "x-limit": [{ "anything-but": [100, 200, 300] }],
      "source-ip": [{ cidr: "10.0.0.0/8" }],
    },
  };
  const event = {
    version: "0",
    id: "ddddd4-aaaa-7777-4444-345dd43cc333",
    "detail-type": "EC2 Instance State-change Notification",
    source: "aws.ec2",
    account: "012345679012",
    time: "2017-10-02T16:24:49Z",
    region: "us-east-1",
    resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
    detail: {
      "c-count": 5,
      "d-count": 3,
      "x-limit": 301.8,
      "source-ip": "10.0.0.33",
      "instance-id": "i-000000aaaaaa00000",
      state: "running",
    },
  };

  it("matches when every condition holds", () => {
    expect(match(pattern, event)).toBe(true);
  });

  it("fails when any one condition fails", () => {
    expect(match(pattern, { ...event, time: "2017-10-03T00:00:00Z" })).toBe(false);
    expect(match(pattern, { ...event, detail: { ...event.detail, state: "initializing" } })).toBe(false);
    expect(match(pattern, { ...event, detail: { ...event.detail, "x-limit": 300 } })).toBe(false);
    expect(match(pattern, { ...event, detail: { ...event.detail, "source-ip": "11.0.0.1" } })).toBe(false);
  });
});
