import { Resource } from "sst";

export interface ServiceReply {
  status: number;
  /** the JSON the other service sent: each caller reads the fields its contract with that service names */
  body: any;
}

/**
 * Calls another service through the front door, as any client would. The
 * caller knows the other service's routes and replies, not its table.
 */
export async function callService(method: string, path: string, body?: unknown): Promise<ServiceReply> {
  const res = await fetch(Resource.Api.url.replace(/\/$/, "") + path, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
