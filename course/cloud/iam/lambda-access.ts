// The IAM action and resource of each Lambda REST operation the local cloud
// serves: Invoke needs lambda:InvokeFunction on the function (its version or
// alias ARN when a Qualifier is given), GetFunction and
// GetFunctionConfiguration their own action on it, ListFunctions "*".
import type { CloudGraph } from "../../graph/model.ts";
import { parseFunctionName } from "../lambda/function-name.ts";
import type { EdgeRequest } from "../service.ts";
import type { Access } from "./access.ts";
import { functionArn } from "./arns.ts";

const PREFIX = "/2015-03-31/functions";

export function lambdaAccess(request: EdgeRequest, graph: CloudGraph): Access[] {
  const { pathname, searchParams } = request.url;
  if (!pathname.startsWith(PREFIX)) return [];
  const [encodedName, action, ...extra] = pathname.slice(PREFIX.length).split("/").filter(Boolean);
  if (extra.length > 0) return [];
  if (encodedName === undefined) {
    return request.method === "GET" ? [{ action: "lambda:ListFunctions", resources: ["*"] }] : [];
  }
  const reference = parseFunctionName(safeDecode(encodedName));
  if (!reference) return [];
  const qualifier = searchParams.get("Qualifier") ?? reference.qualifier;
  const resources = [functionArn(graph, reference.name, qualifier ?? undefined)];
  if (request.method === "POST" && action === "invocations") return [{ action: "lambda:InvokeFunction", resources }];
  if (request.method === "GET" && action === undefined) return [{ action: "lambda:GetFunction", resources }];
  if (request.method === "GET" && action === "configuration") {
    return [{ action: "lambda:GetFunctionConfiguration", resources }];
  }
  return [];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
