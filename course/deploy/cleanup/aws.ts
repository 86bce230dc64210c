// The AWS side of cleanup: the clients, the listings (every page of each), and
// the small signed calls the removals share. The SDK clients serve the services
// whose packages are installed; the rest go through ../aws.ts's signed requests.
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { IAMClient, ListRolesCommand, ListRoleTagsCommand } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { AwsApiError, type AwsClient, awsClient, xmlError } from "../aws.ts";
import type { Bootstrap, CleanupApi, RoleListing, TaggedResource } from "./types.ts";

export interface Clients {
  raw: AwsClient;
  iam: IAMClient;
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  logs: CloudWatchLogsClient;
}

export function awsClients(region: string): Clients {
  return {
    raw: awsClient(region),
    iam: new IAMClient({ region }),
    lambda: new LambdaClient({ region }),
    dynamodb: new DynamoDBClient({ region }),
    logs: new CloudWatchLogsClient({ region }),
  };
}

/** Everything of `CleanupApi` that only reads. */
export function awsListings({ raw, iam }: Clients): Omit<CleanupApi, "remove"> {
  return {
    region: raw.region,
    taggedResources: (filters) =>
      allPages<TaggedResource>(async (token) => {
        const page = await raw.json<{
          ResourceTagMappingList?: { ResourceARN: string; Tags?: { Key: string; Value: string }[] }[];
          PaginationToken?: string;
        }>("tagging", "ResourceGroupsTaggingAPI_20170126.GetResources", {
          TagFilters: filters.map((f) => ({ Key: f.key, ...(f.values.length ? { Values: f.values } : {}) })),
          ResourcesPerPage: 100,
          ...(token ? { PaginationToken: token } : {}),
        });
        return {
          items: (page.ResourceTagMappingList ?? []).map((r) => ({
            arn: r.ResourceARN,
            tags: Object.fromEntries((r.Tags ?? []).map((t) => [t.Key, t.Value])),
          })),
          next: page.PaginationToken,
        };
      }),
    roles: (prefix) =>
      allPages<RoleListing>(async (token) => {
        const page = await iam.send(new ListRolesCommand({ ...(token ? { Marker: token } : {}), MaxItems: 1000 }));
        const roles: RoleListing[] = [];
        for (const role of page.Roles ?? []) {
          if (!role.RoleName?.startsWith(prefix)) continue;
          const tags = await iam.send(new ListRoleTagsCommand({ RoleName: role.RoleName }));
          roles.push({
            name: role.RoleName,
            arn: role.Arn ?? role.RoleName,
            tags: Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
          });
        }
        return { items: roles, next: page.IsTruncated ? page.Marker : undefined };
      }),
    parameters: (prefix) =>
      allPages<string>(async (token) => {
        const page = await raw.json<{ Parameters?: { Name: string }[]; NextToken?: string }>(
          "ssm",
          "AmazonSSM.DescribeParameters",
          {
            ParameterFilters: [{ Key: "Name", Option: "BeginsWith", Values: [prefix] }],
            MaxResults: 50,
            ...(token ? { NextToken: token } : {}),
          },
        );
        return { items: (page.Parameters ?? []).map((p) => p.Name), next: page.NextToken };
      }),
    async bootstrap() {
      try {
        const out = await raw.json<{ Parameter?: { Value?: string } }>("ssm", "AmazonSSM.GetParameter", {
          Name: "/sst/bootstrap",
        });
        return JSON.parse(out.Parameter?.Value ?? "{}") as Bootstrap;
      } catch (err) {
        if (err instanceof AwsApiError && err.code === "ParameterNotFound") return undefined;
        throw err;
      }
    },
    objectKeys: (bucket) => bucketKeys(raw, bucket, "throw"),
  };
}

/** Every item of a listing, page by page: `page` answers one page and the token of the next, none after the last. */
async function allPages<T>(page: (token: string) => Promise<{ items: T[]; next: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let token = "";
  do {
    const got = await page(token);
    items.push(...got.items);
    token = got.next ?? "";
  } while (token);
  return items;
}

/** Every key of a bucket: ListObjectsV2 answers at most 1,000 keys a call, so a larger bucket takes several. */
export function bucketKeys(raw: AwsClient, bucket: string, ifMissing: "empty" | "throw"): Promise<string[]> {
  return allPages(async (token) => {
    const res = await raw.request({
      service: "s3",
      method: "GET",
      path: `/${bucket}`,
      query: { "list-type": "2", ...(token ? { "continuation-token": token } : {}) },
    });
    if (res.status === 404 && ifMissing === "empty") return { items: [], next: undefined };
    if (res.status >= 300) throw xmlError(res);
    return {
      items: [...res.text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescapeXml(m[1]!)),
      next: /<IsTruncated>true<\/IsTruncated>/.test(res.text)
        ? unescapeXml(/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(res.text)?.[1] ?? "")
        : undefined,
    };
  });
}

/** Deletes a bucket, or one of its objects when given a key; a 404 means it is gone already. */
export async function s3Delete(raw: AwsClient, bucket: string, key?: string): Promise<void> {
  const path = key === undefined ? `/${bucket}` : `/${bucket}/${key.split("/").map(encodeKeyPart).join("/")}`;
  const res = await raw.request({ service: "s3", method: "DELETE", path });
  if (res.status >= 300 && res.status !== 404) throw xmlError(res);
}

/** DELETE on a REST API (API Gateway v2), its error read from the JSON body. */
export async function restDelete(raw: AwsClient, service: "apigateway", path: string): Promise<void> {
  const res = await raw.request({ service, method: "DELETE", path });
  if (res.status >= 300) {
    const parsed = safeJson(res.text);
    const code = String(parsed.__type ?? parsed.code ?? (res.status === 404 ? "NotFoundException" : res.status));
    throw new AwsApiError(code.split("#").pop()!, res.status, String(parsed.message ?? res.text));
  }
}

/** The codes, across the services, that mean "no such thing": a removal that meets one has nothing left to do. */
const GONE = new Set([
  "ResourceNotFoundException",
  "NoSuchEntity",
  "NoSuchEntityException",
  "NotFoundException",
  "NotFound",
  "ParameterNotFound",
  "QueueDoesNotExist",
  "AWS.SimpleQueueService.NonExistentQueue",
  "StateMachineDoesNotExist",
  "NoSuchKey",
  "NoSuchBucket",
]);

export function isGone(err: unknown): boolean {
  const code = (err as { code?: string; name?: string }).code ?? (err as { name?: string }).name ?? "";
  return GONE.has(code);
}

function encodeKeyPart(part: string): string {
  return encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
