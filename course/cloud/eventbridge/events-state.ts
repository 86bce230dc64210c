// What every EventBridge action works on, and reading its JSON input.
import { validationError } from "./errors.ts";
import type { EventRouter } from "./event-router.ts";
import type { EventBusRegistry } from "./registry.ts";

export interface EventsState {
  readonly registry: EventBusRegistry;
  readonly router: EventRouter;
  readonly log: (line: string) => void;
}

export type Input = Readonly<Record<string, unknown>>;

export type EventsAction = (state: EventsState, input: Input) => unknown;

/** A string member, or undefined when absent. */
export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw validationError(`Parameter ${name} must be a string.`);
  return value;
}

/** A member AWS requires: "Value null at 'name' failed to satisfy constraint: Member must not be null". */
export function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    throw validationError(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** A page of at most Limit (1 to 100, default 100) items from the position NextToken names. */
export function page<T>(items: readonly T[], input: Input): { items: T[]; NextToken?: string } {
  const limit = typeof input.Limit === "number" ? input.Limit : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw validationError(
      `1 validation error detected: Value '${input.Limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`,
    );
  }
  const token = optionalString(input, "NextToken");
  const start = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(start) || start < 0) throw validationError("The NextToken provided is invalid.");
  const end = start + limit;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: String(end) } : {}) };
}
