// The XML pieces SNS's responses are made of, besides IAM's shared helpers.
import { element, members } from "../iam/query-protocol.ts";
import { invalidParameter } from "./errors.ts";

/** `<Attributes><entry><key>…</key><value>…</value></entry>…</Attributes>` */
export function attributesXml(attributes: Record<string, string>): string {
  const entries = Object.entries(attributes).map(
    ([key, value]) => `<entry>${element("key", key)}${element("value", value)}</entry>`,
  );
  return `<Attributes>${entries.join("")}</Attributes>`;
}

/** `<tag><member><Name>value</Name>…</member>…</tag>` for a list of records, skipping undefined fields */
export function recordsXml(tag: string, records: readonly Record<string, string | boolean | undefined>[]): string {
  return members(
    tag,
    records.map((record) =>
      Object.entries(record)
        .filter((entry): entry is [string, string | boolean] => entry[1] !== undefined)
        .map(([name, value]) => element(name, value))
        .join(""),
    ),
  );
}

/** A page of at most `size` items from the position NextToken names, and the token of the next page. */
export function page<T>(items: readonly T[], nextToken: string | null, size: number): { items: T[]; next?: string } {
  const start = nextToken ? Number(nextToken) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter("NextToken");
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}
