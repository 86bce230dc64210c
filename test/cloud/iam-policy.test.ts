// The policy evaluator against the cases IAM's documentation spells out:
// explicit deny beats allow, no allow is an implicit deny, action names match
// in any case, resources match exactly, and `*` / `?` as documented.
import { describe, expect, test } from "vitest";
import { evaluate, explain, mostRestrictive } from "../../course/cloud/iam/policy-evaluator.ts";
import { actionMatches, resourceMatches } from "../../course/cloud/iam/wildcard.ts";
import type { PolicyStatement } from "../../course/graph/model.ts";

const TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/Orders";
const allow = (Action: string[], Resource: string[]): PolicyStatement => ({ Effect: "Allow", Action, Resource });
const deny = (Action: string[], Resource: string[]): PolicyStatement => ({ Effect: "Deny", Action, Resource });

describe("evaluation", () => {
  test("no statement at all is an implicit deny", () => {
    expect(evaluate([], "dynamodb:PutItem", TABLE)).toBe("implicitDeny");
  });

  test("an Allow that matches action and resource allows", () => {
    expect(evaluate([allow(["dynamodb:PutItem"], [TABLE])], "dynamodb:PutItem", TABLE)).toBe("allowed");
  });

  test("an Allow for another action or another resource leaves the request implicitly denied", () => {
    expect(evaluate([allow(["dynamodb:GetItem"], [TABLE])], "dynamodb:PutItem", TABLE)).toBe("implicitDeny");
    expect(evaluate([allow(["dynamodb:PutItem"], [`${TABLE}-old`])], "dynamodb:PutItem", TABLE)).toBe("implicitDeny");
  });

  test("a matching Deny wins over any Allow, whatever the order", () => {
    const statements = [allow(["dynamodb:*"], ["*"]), deny(["dynamodb:DeleteItem"], [TABLE])];
    expect(evaluate(statements, "dynamodb:DeleteItem", TABLE)).toBe("explicitDeny");
    expect(evaluate(statements.toReversed(), "dynamodb:DeleteItem", TABLE)).toBe("explicitDeny");
    expect(evaluate(statements, "dynamodb:PutItem", TABLE)).toBe("allowed");
  });

  test("a Deny that does not match changes nothing, and alone is still only an implicit deny elsewhere", () => {
    expect(evaluate([deny(["dynamodb:DeleteItem"], [TABLE])], "dynamodb:PutItem", TABLE)).toBe("implicitDeny");
  });

  test("the documented example: allow iam:Get* and iam:List*, deny iam:*Report*", () => {
    const statements = [allow(["iam:Get*", "iam:List*"], ["*"]), deny(["iam:*Report"], ["*"])];
    expect(evaluate(statements, "iam:GetRole", "*")).toBe("allowed");
    expect(evaluate(statements, "iam:CreatePolicy", "*")).toBe("implicitDeny");
    expect(evaluate(statements, "iam:GenerateCredentialReport", "*")).toBe("explicitDeny");
    expect(evaluate(statements, "iam:GetCredentialReport", "*")).toBe("explicitDeny");
  });

  test("SST's link to a table allows every item and index operation on it, and nothing on other tables", () => {
    const linked = [allow(["dynamodb:*"], [TABLE, `${TABLE}/*`])];
    expect(evaluate(linked, "dynamodb:PutItem", TABLE)).toBe("allowed");
    expect(evaluate(linked, "dynamodb:Query", `${TABLE}/index/byCustomer`)).toBe("allowed");
    expect(evaluate(linked, "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:000000000000:table/Other")).toBe(
      "implicitDeny",
    );
    expect(evaluate(linked, "dynamodb:ListTables", "*")).toBe("implicitDeny");
  });

  test("explain names the statements that decided", () => {
    const statements = [allow(["dynamodb:*"], [TABLE]), allow(["dynamodb:PutItem"], ["*"]), deny(["s3:*"], ["*"])];
    expect(explain(statements, "dynamodb:PutItem", TABLE)).toEqual({ decision: "allowed", matched: [0, 1] });
    expect(explain(statements, "s3:GetObject", "*")).toEqual({ decision: "explicitDeny", matched: [2] });
  });

  test("over several resources the most restrictive decision stands", () => {
    expect(mostRestrictive(["allowed", "implicitDeny", "allowed"])).toBe("implicitDeny");
    expect(mostRestrictive(["implicitDeny", "explicitDeny"])).toBe("explicitDeny");
    expect(mostRestrictive(["allowed"])).toBe("allowed");
  });
});

describe("action names", () => {
  test("prefix and name are case-insensitive", () => {
    expect(actionMatches("iam:ListAccessKeys", "IAM:listaccesskeys")).toBe(true);
    expect(actionMatches("DynamoDB:putitem", "dynamodb:PutItem")).toBe(true);
  });

  test("* matches any run of characters, ? exactly one", () => {
    expect(actionMatches("*", "dynamodb:PutItem")).toBe(true);
    expect(actionMatches("dynamodb:*", "dynamodb:PutItem")).toBe(true);
    expect(actionMatches("iam:*AccessKey*", "iam:CreateAccessKey")).toBe(true);
    expect(actionMatches("iam:*AccessKey*", "iam:ListAccessKeys")).toBe(true);
    expect(actionMatches("dynamodb:?etItem", "dynamodb:GetItem")).toBe(true);
    expect(actionMatches("dynamodb:?etItem", "dynamodb:etItem")).toBe(false);
  });

  test("a pattern matches the whole name, not a part of it", () => {
    expect(actionMatches("dynamodb:Get", "dynamodb:GetItem")).toBe(false);
    expect(actionMatches("dynamodb:*", "lambda:InvokeFunction")).toBe(false);
    expect(actionMatches("dynamodb:Put.tem", "dynamodb:PutItem")).toBe(false);
  });
});

describe("resources", () => {
  test("* alone matches every resource, and the literal * of account-wide actions", () => {
    expect(resourceMatches("*", TABLE)).toBe(true);
    expect(resourceMatches("*", "*")).toBe(true);
    expect(resourceMatches(TABLE, "*")).toBe(false);
  });

  test("ARNs are case-sensitive", () => {
    expect(resourceMatches(TABLE, TABLE)).toBe(true);
    expect(resourceMatches(TABLE.replace("Orders", "orders"), TABLE)).toBe(false);
    expect(resourceMatches("arn:aws:iam::000000000000:user/Bob", "arn:aws:iam::000000000000:user/bob")).toBe(false);
  });

  test("a table ARN does not cover its indexes; table/<name>/* does", () => {
    const index = `${TABLE}/index/byCustomer`;
    expect(resourceMatches(TABLE, index)).toBe(false);
    expect(resourceMatches(`${TABLE}/*`, index)).toBe(true);
    expect(resourceMatches(`${TABLE}/index/*`, index)).toBe(true);
    expect(resourceMatches(`${TABLE}/*`, TABLE)).toBe(false);
  });

  test("* and ? within a segment", () => {
    expect(resourceMatches("arn:aws:dynamodb:*:*:table/Orders", TABLE)).toBe(true);
    expect(resourceMatches("arn:aws:dynamodb:us-east-?:000000000000:table/Orders", TABLE)).toBe(true);
    expect(resourceMatches("arn:aws:dynamodb:us-west-?:000000000000:table/Orders", TABLE)).toBe(false);
    expect(
      resourceMatches("arn:aws:iam::000000000000:user/accounting/*", "arn:aws:iam::000000000000:user/accounting/Ann"),
    ).toBe(true);
    expect(resourceMatches("arn:aws:dynamodb:us-east-1:000000000000:table/Ord*", TABLE)).toBe(true);
  });

  test("a * that ends a segment may match past colons; one inside a segment may not", () => {
    const stream = "arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/fn:log-stream:2024/01/01/x";
    expect(resourceMatches("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/fn:*", stream)).toBe(true);
    expect(resourceMatches("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/*", stream)).toBe(true);
    expect(resourceMatches("arn:aws:logs:us-east-1:000000000000:log-group:/aws/*/fn", stream)).toBe(false);
    expect(resourceMatches("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/fn", stream)).toBe(false);
  });

  test("regular-expression characters in an ARN are plain characters", () => {
    expect(resourceMatches("arn:aws:s3:::my.bucket/a+b", "arn:aws:s3:::my.bucket/a+b")).toBe(true);
    expect(resourceMatches("arn:aws:s3:::my.bucket/a+b", "arn:aws:s3:::myxbucket/aab")).toBe(false);
  });
});
