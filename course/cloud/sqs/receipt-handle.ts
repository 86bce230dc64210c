// Receipt handles: opaque to clients, they name the queue, the message and
// the receive they came from, so a handle from an earlier receive is told apart.
import { receiptHandleIsInvalid } from "./errors.ts";

export interface Receipt {
  queueName: string;
  messageId: string;
  /** which receive: StoredMessage.receipt at the time */
  receipt: string;
}

export const encodeReceipt = ({ queueName, messageId, receipt }: Receipt): string =>
  Buffer.from(JSON.stringify([queueName, messageId, receipt]), "utf8").toString("base64");

export function decodeReceipt(handle: string, queueName: string): Receipt {
  const invalid = () => receiptHandleIsInvalid(`The input receipt handle "${handle}" is not a valid receipt handle.`);
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(handle, "base64").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((part) => typeof part === "string")) throw invalid();
  const [name, messageId, receipt] = parts as [string, string, string];
  if (name !== queueName) throw invalid();
  return { queueName: name, messageId, receipt };
}
