// The Lambda event of an HTTP API request in payload format 2.0, field by field
// as API Gateway documents it.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { ACCOUNT } from "../../aws/identity.ts";
import type { EdgeRequest } from "../service.ts";
import type { RouteMatch } from "./routes.ts";

/** Bodies of these content types reach the function as text; all others in base64, as API Gateway does. */
const TEXT_CONTENT_TYPES = [
  /^text\//,
  /^application\/(json|xml|javascript|ecmascript|graphql)$/,
  /^application\/[\w.-]+\+(json|xml)$/,
];

export interface EventInput {
  request: EdgeRequest;
  apiId: string;
  /** the raw path after the API's prefix, starting with "/" */
  path: string;
  route: RouteMatch;
  /** when API Gateway received the request */
  now: Date;
}

export function buildEvent({ request, apiId, path, route, now }: EventInput): APIGatewayProxyEventV2 {
  const headers = eventHeaders(request);
  const cookies = requestCookies(request);
  const rawQueryString = request.url.search.slice(1);
  const queryStringParameters = parseQuery(rawQueryString);
  return {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath: path,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: ACCOUNT,
      apiId,
      domainName: headers.host ?? request.url.host,
      domainPrefix: apiId,
      http: {
        method: request.method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: request.requestId,
      routeKey: route.routeKey,
      stage: "$default",
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    ...eventBody(request.body, headers["content-type"]),
  };
}

/** lower-case names, repeated headers joined with commas, the Cookie header left out (it becomes `cookies`) */
function eventHeaders(request: EdgeRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const key = name.toLowerCase();
    if (value === undefined || key === "cookie") continue;
    headers[key] = Array.isArray(value) ? value.join(",") : value;
  }
  const forwardedFor = headers["x-forwarded-for"];
  headers["x-forwarded-for"] = forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp;
  headers["x-forwarded-port"] = portOf(headers.host) ?? (request.url.port || "80");
  headers["x-forwarded-proto"] = request.url.protocol.replace(/:$/, "");
  return headers;
}

function portOf(host: string | undefined): string | undefined {
  return /:(\d+)$/.exec(host ?? "")?.[1];
}

function requestCookies(request: EdgeRequest): string[] {
  const header = request.headers.cookie;
  const values: string[] = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values.flatMap((value) => value.split(";").map((cookie) => cookie.trim())).filter((cookie) => cookie !== "");
}

/** decoded query parameters, repeated keys joined with commas; undefined when there are none */
function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === "") return undefined;
  const parameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    const previous = parameters[key];
    parameters[key] = previous === undefined ? value : `${previous},${value}`;
  }
  return parameters;
}

function eventBody(body: Buffer, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (TEXT_CONTENT_TYPES.some((pattern) => pattern.test(mediaType))) {
    return { body: body.toString("utf8"), isBase64Encoded: false };
  }
  return { body: body.toString("base64"), isBase64Encoded: true };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** dd/MMM/yyyy:HH:mm:ss +0000, e.g. 12/Mar/2020:19:03:58 +0000 */
export function formatRequestTime(date: Date): string {
  const two = (value: number) => String(value).padStart(2, "0");
  const day = `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}`;
  return `${day}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}
