// A stand-in for the parts of AWS that `course cleanup` and the deploy
// preflight talk to, behind one endpoint (AWS_ENDPOINT_URL): STS, the Resource
// Groups Tagging API, IAM, SSM, S3, and the delete operations of Lambda,
// DynamoDB, CloudWatch Logs, API Gateway v2, SQS, SNS, EventBridge, Kinesis and
// Step Functions. The local cloud serves none of those, so the test keeps this
// small fake: an inventory of resources that the calls list and delete.
// Requests are routed by the service in their SigV4 credential scope.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRole {
  arn: string;
  tags: Record<string, string>;
  inline: string[];
  attached: string[];
}

export interface FakeAws {
  endpoint: string;
  /** who GetCallerIdentity says you are, or the error it answers with */
  identity: { account: string; arn: string } | { code: string; message: string; status: number };
  /** resources the Tagging API lists, by ARN, with their tags */
  tagged: Map<string, Record<string, string>>;
  roles: Map<string, FakeRole>;
  parameters: Map<string, string>;
  buckets: Map<string, Set<string>>;
  /** "<service> <operation>" for every call */
  calls: string[];
  /** operations that answer AccessDenied, e.g. "kinesis DeleteStream" */
  deny: Set<string>;
  /** problems with a request's signature (missing scope, unsigned host, …) */
  unsigned: string[];
  close(): Promise<void>;
}

const PAGE = 3; // small pages, so every caller has to follow pagination

export async function startFakeAws(): Promise<FakeAws> {
  const fake: Omit<FakeAws, "endpoint" | "close"> = {
    identity: { account: "000000000000", arn: "arn:aws:iam::000000000000:user/learner" },
    tagged: new Map(),
    roles: new Map(),
    parameters: new Map(),
    buckets: new Map(),
    calls: [],
    deny: new Set(),
    unsigned: [],
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      try {
        route(fake, req, body, res);
      } catch (err) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ __type: "InternalFailure", message: String(err) }));
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  });
}

type Res = http.ServerResponse;

function json(res: Res, status: number, value: unknown, type = "application/x-amz-json-1.1"): void {
  res.writeHead(status, { "content-type": type });
  res.end(JSON.stringify(value));
}

function jsonError(res: Res, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": code });
  res.end(JSON.stringify({ __type: code, message }));
}

function xml(res: Res, action: string, result: string): void {
  res.writeHead(200, { "content-type": "text/xml" });
  res.end(
    `<${action}Response xmlns="https://example.com/doc/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${action}Response>`,
  );
}

function xmlError(res: Res, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "text/xml" });
  res.end(
    `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
  );
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function route(fake: Omit<FakeAws, "endpoint" | "close">, req: http.IncomingMessage, body: string, res: Res): unknown {
  const auth = String(req.headers.authorization ?? "");
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  const service = scope?.[2] ?? "unsigned";
  if (!scope || !/SignedHeaders=[^,]*host/.test(auth) || !req.headers["x-amz-date"]) {
    fake.unsigned.push(`${req.method} ${req.url}`);
  }
  const url = new URL(req.url ?? "/", "http://fake");
  const target = String(req.headers["x-amz-target"] ?? "");
  const op = target
    ? target.split(".").pop()!
    : (new URLSearchParams(body).get("Action") ?? `${req.method} ${url.pathname}`);
  fake.calls.push(`${service} ${op}`);
  if (fake.deny.has(`${service} ${op}`)) {
    if (target) return jsonError(res, 400, "AccessDeniedException", `not allowed to ${op}`);
    return xmlError(res, 403, "AccessDenied", `not allowed to ${op}`);
  }
  const input = target && body ? (JSON.parse(body) as Record<string, any>) : {};
  const form = new URLSearchParams(body);
  const dropArn = (match: (arn: string) => boolean): boolean => {
    const arn = [...fake.tagged.keys()].find(match);
    if (arn) fake.tagged.delete(arn);
    return Boolean(arn);
  };

  switch (service) {
    case "sts": {
      if ("code" in fake.identity)
        return xmlError(res, fake.identity.status, fake.identity.code, fake.identity.message);
      return xml(
        res,
        "GetCallerIdentity",
        `<Arn>${fake.identity.arn}</Arn><UserId>AIDAFAKE</UserId><Account>${fake.identity.account}</Account>`,
      );
    }
    case "tagging": {
      const filters = (input.TagFilters ?? []) as { Key: string; Values?: string[] }[];
      const all = [...fake.tagged.entries()].filter(([, tags]) =>
        filters.every((f) => f.Key in tags && (!f.Values?.length || f.Values.includes(tags[f.Key]!))),
      );
      const start = Number(input.PaginationToken || 0);
      const page = all.slice(start, start + PAGE);
      return json(res, 200, {
        ResourceTagMappingList: page.map(([arn, tags]) => ({
          ResourceARN: arn,
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        })),
        PaginationToken: start + PAGE < all.length ? String(start + PAGE) : "",
      });
    }
    case "iam": {
      const action = form.get("Action")!;
      const name = form.get("RoleName") ?? "";
      const role = fake.roles.get(name);
      if (action === "ListRoles") {
        const all = [...fake.roles.entries()];
        const start = Number(form.get("Marker") || 0);
        const members = all
          .slice(start, start + PAGE)
          .map(
            ([n, r]) =>
              `<member><Path>/</Path><RoleName>${n}</RoleName><RoleId>AROA${n.length}</RoleId><Arn>${r.arn}</Arn><CreateDate>2026-11-01T00:00:00Z</CreateDate></member>`,
          )
          .join("");
        const more = start + PAGE < all.length;
        return xml(
          res,
          action,
          `<IsTruncated>${more}</IsTruncated>${more ? `<Marker>${start + PAGE}</Marker>` : ""}<Roles>${members}</Roles>`,
        );
      }
      if (!role) return xmlError(res, 404, "NoSuchEntity", `The role with name ${name} cannot be found.`);
      switch (action) {
        case "ListRoleTags":
          return xml(
            res,
            action,
            `<IsTruncated>false</IsTruncated><Tags>${Object.entries(role.tags)
              .map(([k, v]) => `<member><Key>${esc(k)}</Key><Value>${esc(v)}</Value></member>`)
              .join("")}</Tags>`,
          );
        case "ListRolePolicies":
          return xml(
            res,
            action,
            `<IsTruncated>false</IsTruncated><PolicyNames>${role.inline.map((p) => `<member>${p}</member>`).join("")}</PolicyNames>`,
          );
        case "DeleteRolePolicy":
          role.inline = role.inline.filter((p) => p !== form.get("PolicyName"));
          return xml(res, action, "");
        case "ListAttachedRolePolicies":
          return xml(
            res,
            action,
            `<IsTruncated>false</IsTruncated><AttachedPolicies>${role.attached
              .map((a) => `<member><PolicyName>${a.split("/").pop()}</PolicyName><PolicyArn>${a}</PolicyArn></member>`)
              .join("")}</AttachedPolicies>`,
          );
        case "DetachRolePolicy":
          role.attached = role.attached.filter((a) => a !== form.get("PolicyArn"));
          return xml(res, action, "");
        case "ListInstanceProfilesForRole":
          return xml(res, action, "<IsTruncated>false</IsTruncated><InstanceProfiles></InstanceProfiles>");
        case "DeleteRole":
          // As IAM does: a role with policies cannot go.
          if (role.inline.length || role.attached.length) {
            return xmlError(res, 409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
          }
          fake.roles.delete(name);
          return xml(res, action, "");
      }
      return xmlError(res, 400, "InvalidAction", action);
    }
    case "ssm": {
      if (op === "DescribeParameters") {
        const prefix = (input.ParameterFilters?.[0]?.Values?.[0] as string) ?? "";
        const all = [...fake.parameters.keys()].filter((n) => n.startsWith(prefix));
        const start = Number(input.NextToken || 0);
        return json(res, 200, {
          Parameters: all.slice(start, start + PAGE).map((Name) => ({ Name })),
          ...(start + PAGE < all.length ? { NextToken: String(start + PAGE) } : {}),
        });
      }
      const value = fake.parameters.get(input.Name);
      if (value === undefined) return jsonError(res, 400, "ParameterNotFound", String(input.Name));
      if (op === "GetParameter") return json(res, 200, { Parameter: { Name: input.Name, Value: value } });
      if (op === "DeleteParameter") {
        fake.parameters.delete(input.Name);
        return json(res, 200, {});
      }
      return jsonError(res, 400, "InvalidAction", op);
    }
    case "s3": {
      if (!req.headers["x-amz-content-sha256"]) fake.unsigned.push(`s3 without x-amz-content-sha256: ${req.url}`);
      const [bucketName, ...keyParts] = url.pathname.slice(1).split("/");
      const bucket = fake.buckets.get(decodeURIComponent(bucketName ?? ""));
      if (!bucket) return xmlError(res, 404, "NoSuchBucket", String(bucketName));
      if (req.method === "GET") {
        const all = [...bucket].sort();
        const start = Number(url.searchParams.get("continuation-token") || 0);
        const more = start + PAGE < all.length;
        res.writeHead(200, { "content-type": "application/xml" });
        return void res.end(
          `<ListBucketResult><IsTruncated>${more}</IsTruncated>${more ? `<NextContinuationToken>${start + PAGE}</NextContinuationToken>` : ""}${all
            .slice(start, start + PAGE)
            .map((k) => `<Contents><Key>${esc(k)}</Key></Contents>`)
            .join("")}</ListBucketResult>`,
        );
      }
      if (req.method === "DELETE" && keyParts.length === 0) {
        // as S3 does: only an empty bucket can be deleted
        if (bucket.size > 0) return xmlError(res, 409, "BucketNotEmpty", String(bucketName));
        fake.buckets.delete(decodeURIComponent(bucketName ?? ""));
        fake.tagged.delete(`arn:aws:s3:::${decodeURIComponent(bucketName ?? "")}`);
        res.writeHead(204);
        return void res.end();
      }
      if (req.method === "DELETE") {
        bucket.delete(keyParts.map(decodeURIComponent).join("/"));
        res.writeHead(204);
        return void res.end();
      }
      return xmlError(res, 405, "MethodNotAllowed", String(req.method));
    }
    case "lambda": {
      const fn = /^\/2015-03-31\/functions\/([^/]+)$/.exec(url.pathname);
      const esm = /^\/2015-03-31\/event-source-mappings\/([^/]+)$/.exec(url.pathname);
      if (req.method === "DELETE" && fn) {
        const name = decodeURIComponent(fn[1]!);
        if (!dropArn((arn) => arn === name || arn.endsWith(`:function:${name}`))) {
          return jsonError(res, 404, "ResourceNotFoundException", `Function not found: ${name}`);
        }
        res.writeHead(204);
        return void res.end();
      }
      if (req.method === "DELETE" && esm) {
        if (!dropArn((arn) => arn.endsWith(`:event-source-mapping:${esm[1]}`))) {
          return jsonError(res, 404, "ResourceNotFoundException", "no such mapping");
        }
        return json(res, 202, { UUID: esm[1], State: "Deleting" }, "application/json");
      }
      return jsonError(res, 400, "InvalidRequest", `${req.method} ${url.pathname}`);
    }
    case "apigateway": {
      const m = /^\/v2\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/.exec(url.pathname);
      if (req.method !== "DELETE" || !m) return jsonError(res, 400, "BadRequestException", url.pathname);
      const apiArn = (arn: string) => arn.includes(`::/apis/${m[1]}`);
      const gone = m[2]
        ? dropArn((arn) => arn.endsWith(`::/apis/${m[1]}/stages/${decodeURIComponent(m[2]!)}`))
        : [...fake.tagged.keys()].filter(apiArn).map((arn) => fake.tagged.delete(arn)).length > 0;
      if (!gone) return jsonError(res, 404, "NotFoundException", "Invalid API identifier specified");
      res.writeHead(204);
      return void res.end();
    }
    case "dynamodb":
    case "logs":
    case "sqs":
    case "kinesis":
    case "states":
    case "events":
      return deleteByTarget(fake, op, input, res, dropArn);
    case "sns": {
      if (form.get("Action") !== "DeleteTopic") return xmlError(res, 400, "InvalidAction", String(form.get("Action")));
      dropArn((arn) => arn === form.get("TopicArn"));
      return xml(res, "DeleteTopic", "");
    }
  }
  return jsonError(res, 400, "UnknownService", service);
}

function deleteByTarget(
  fake: Omit<FakeAws, "endpoint" | "close">,
  op: string,
  input: Record<string, any>,
  res: Res,
  dropArn: (match: (arn: string) => boolean) => boolean,
): unknown {
  const notFound = () => jsonError(res, 400, "ResourceNotFoundException", `${op}: not found`);
  switch (op) {
    case "DeleteTable":
      return dropArn((arn) => arn.endsWith(`:table/${input.TableName}`))
        ? json(res, 200, { TableDescription: { TableName: input.TableName, TableStatus: "DELETING" } })
        : notFound();
    case "DeleteLogGroup":
      return dropArn((arn) => arn.endsWith(`:log-group:${input.logGroupName}`)) ? json(res, 200, {}) : notFound();
    case "DeleteQueue":
      return dropArn(
        (arn) => arn.startsWith("arn:aws:sqs:") && arn.endsWith(`:${String(input.QueueUrl).split("/").pop()}`),
      )
        ? json(res, 200, {})
        : jsonError(res, 400, "QueueDoesNotExist", "The specified queue does not exist.");
    case "DeleteStream":
      return dropArn((arn) => arn === input.StreamARN) ? json(res, 200, {}) : notFound();
    case "DeleteStateMachine":
      dropArn((arn) => arn === input.stateMachineArn);
      return json(res, 200, {});
    case "ListTargetsByRule":
      return json(res, 200, { Targets: [{ Id: "target-1", Arn: "arn:aws:lambda:us-east-1:000000000000:function:x" }] });
    case "RemoveTargets":
      return json(res, 200, { FailedEntryCount: 0, FailedEntries: [] });
    case "DeleteRule": {
      const bus = input.EventBusName ? `${input.EventBusName}/` : "";
      dropArn((arn) => arn.endsWith(`:rule/${bus}${input.Name}`));
      return json(res, 200, {});
    }
    case "DeleteEventBus":
      dropArn((arn) => arn.endsWith(`:event-bus/${input.Name}`));
      return json(res, 200, {});
  }
  void fake;
  return jsonError(res, 400, "UnknownOperation", op);
}
