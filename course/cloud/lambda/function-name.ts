// The forms of FunctionName the Lambda API accepts: "my-function",
// "my-function:$LATEST", "000000000000:function:my-function" and the full ARN.

export interface FunctionReference {
  name: string;
  qualifier?: string;
}

const FULL_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([^:]+)(?::([^:]+))?$/;
const PARTIAL_ARN = /^\d{12}:function:([^:]+)(?::([^:]+))?$/;
const NAME = /^([^:]+)(?::([^:]+))?$/;

export function parseFunctionName(input: string): FunctionReference | undefined {
  const match = FULL_ARN.exec(input) ?? PARTIAL_ARN.exec(input) ?? NAME.exec(input);
  if (!match?.[1]) return undefined;
  return match[2] ? { name: match[1], qualifier: match[2] } : { name: match[1] };
}
