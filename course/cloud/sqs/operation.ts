// What every SQS operation is: an input shaped as the JSON protocol shapes it,
// an output likewise; the protocols only translate.
import type { SqsEngine } from "./engine.ts";
import type { Input } from "./params.ts";

export interface OperationContext {
  engine: SqsEngine;
  /** SenderId of the messages this call sends */
  senderId: string;
  /** the request's path: older clients address the queue by posting to its URL */
  path: string;
}

export type Output = Record<string, unknown>;
export type Operation = (input: Input, context: OperationContext) => Output | Promise<Output>;
