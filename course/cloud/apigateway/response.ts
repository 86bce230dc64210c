// How API Gateway turns a Lambda result into an HTTP response in payload
// format 2.0: a JSON object with a statusCode is taken as the response; any
// other JSON value is sent as the body of a 200 application/json response.
// The 2.0 format has no multiValueHeaders, so such a field is ignored.

import type { InvokeResult } from "../lambda/invoker.ts";
import type { EdgeResponse } from "../service.ts";

export function gatewayError(status: number, message: string): EdgeResponse {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify({ message }) };
}

export const internalServerError = (): EdgeResponse => gatewayError(500, "Internal Server Error");

export function mapLambdaResult(result: InvokeResult): EdgeResponse {
  if (result.functionError) return internalServerError();
  let value: unknown;
  try {
    value = JSON.parse(result.payload.toString("utf8"));
  } catch {
    return internalServerError();
  }
  if (!isObject(value) || !("statusCode" in value)) {
    return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
  }
  return structuredResponse(value) ?? internalServerError();
}

/** the response a function described, or undefined when the description is malformed */
function structuredResponse(value: Record<string, unknown>): EdgeResponse | undefined {
  const statusCode = value.statusCode;
  // null counts as absent, as for a field left out
  const headers = value.headers ?? {};
  const cookies = value.cookies ?? [];
  const body = value.body ?? "";
  const isBase64Encoded = value.isBase64Encoded ?? false;
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return undefined;
  }
  if (!isObject(headers) || typeof body !== "string" || typeof isBase64Encoded !== "boolean") return undefined;
  if (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === "string")) return undefined;

  const responseHeaders: Record<string, string | string[]> = {};
  const setCookies: string[] = [];
  for (const [name, headerValue] of Object.entries(headers)) {
    if (!["string", "number", "boolean"].includes(typeof headerValue)) return undefined;
    const key = name.toLowerCase();
    if (key === "set-cookie") setCookies.push(String(headerValue));
    else responseHeaders[key] = String(headerValue);
  }
  setCookies.push(...cookies);
  if (setCookies.length > 0) responseHeaders["set-cookie"] = setCookies;
  if (body !== "" && !("content-type" in responseHeaders)) {
    responseHeaders["content-type"] = "text/plain; charset=utf-8";
  }
  return { status: statusCode, headers: responseHeaders, body: isBase64Encoded ? Buffer.from(body, "base64") : body };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
