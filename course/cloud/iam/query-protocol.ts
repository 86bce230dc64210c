// The AWS query protocol IAM and STS speak: form parameters in (on the URL or
// in a form-encoded body, lists as Name.member.N), XML out, errors as an
// <ErrorResponse> naming a code and whether the sender or the service erred.
import type { EdgeRequest, EdgeResponse } from "../service.ts";

export function queryParams(request: EdgeRequest): URLSearchParams {
  const params = new URLSearchParams(request.url.searchParams);
  const type = String(request.headers["content-type"] ?? "");
  if (request.method === "POST" && (type === "" || type.includes("x-www-form-urlencoded"))) {
    for (const [key, value] of new URLSearchParams(request.body.toString("utf8"))) params.append(key, value);
  }
  return params;
}

/** ActionNames.member.1, ActionNames.member.2, … in order */
export function memberList(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let n = 1; params.has(`${name}.member.${n}`); n++) values.push(params.get(`${name}.member.${n}`) ?? "");
  return values;
}

export function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/** `<tag>escaped text</tag>` */
export const element = (tag: string, text: string | number | boolean): string =>
  `<${tag}>${xml(String(text))}</${tag}>`;

/** `<tag><member>…</member>…</tag>`, members already XML */
export const members = (tag: string, items: string[]): string =>
  `<${tag}>${items.map((item) => `<member>${item}</member>`).join("")}</${tag}>`;

export function queryResponse(action: string, namespace: string, result: string, requestId: string): EdgeResponse {
  return {
    status: 200,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body:
      `<${action}Response xmlns="${namespace}">` +
      `<${action}Result>${result}</${action}Result>` +
      `<ResponseMetadata>${element("RequestId", requestId)}</ResponseMetadata>` +
      `</${action}Response>`,
  };
}

export function queryError(
  status: number,
  code: string,
  message: string,
  namespace: string,
  requestId: string,
): EdgeResponse {
  return {
    status,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body:
      `<ErrorResponse xmlns="${namespace}">` +
      `<Error>${element("Type", status >= 500 ? "Receiver" : "Sender")}${element("Code", code)}${element("Message", message)}</Error>` +
      `${element("RequestId", requestId)}</ErrorResponse>`,
  };
}

/** SQS speaks JSON when the request names its operation in X-Amz-Target, and query otherwise */
export function speaksQuery(request: EdgeRequest): boolean {
  return typeof request.headers["x-amz-target"] !== "string";
}

export const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
export const SQS_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
export const SNS_NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
