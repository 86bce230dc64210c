// Which queue a request means: its QueueUrl, or the path it was sent to
// (older clients post to the queue URL itself). Any host is accepted, so
// URLs of the form https://sqs.us-east-1.amazonaws.com/<account>/<name> work too.
import { ACCOUNT } from "../../aws/identity.ts";
import { invalidAddress, missingParameter, queueDoesNotExist } from "./errors.ts";

/** the queue name in a queue URL or path like /000000000000/orders */
export function queueNameOf(queueUrl: string | undefined, requestPath: string): string {
  const address = queueUrl ?? (requestPath.split("/").filter(Boolean).length === 2 ? requestPath : undefined);
  if (address === undefined || address === "") throw missingParameter("QueueUrl");
  let path: string;
  try {
    path = new URL(address, "http://127.0.0.1").pathname;
  } catch {
    throw invalidAddress(address);
  }
  const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (segments.length !== 2) throw invalidAddress(address);
  const [account, name] = segments as [string, string];
  if (account !== ACCOUNT) throw queueDoesNotExist();
  return name;
}
