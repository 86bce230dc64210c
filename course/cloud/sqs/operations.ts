// Every SQS operation by name; those the local cloud does not emulate answer
// UnsupportedOperation with the reason, so the learner is not left guessing.
import { controlOperations } from "./control-operations.ts";
import { invalidAction, unsupportedOperation } from "./errors.ts";
import { messageOperations } from "./message-operations.ts";
import type { Operation } from "./operation.ts";

const NOT_EMULATED = new Set([
  "AddPermission",
  "RemovePermission",
  "StartMessageMoveTask",
  "CancelMessageMoveTask",
  "ListMessageMoveTasks",
]);

const OPERATIONS: Record<string, Operation> = { ...controlOperations, ...messageOperations };

export function operationNamed(name: string): Operation {
  const operation = OPERATIONS[name];
  if (operation) return operation;
  if (NOT_EMULATED.has(name)) {
    throw unsupportedOperation(`${name} is not available in the local cloud's SQS; the course's labs do not use it.`);
  }
  throw invalidAction(name);
}
