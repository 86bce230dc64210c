// CreateEventBus, DeleteEventBus, ListEventBuses, DescribeEventBus.
import { busNameOf, DEFAULT_BUS } from "./arns.ts";
import { EventsError, validationError } from "./errors.ts";
import { type EventsState, type Input, optionalString, page, requiredString } from "./events-state.ts";
import type { Bus } from "./registry.ts";

const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;

function describe(bus: Bus): Record<string, unknown> {
  const seconds = bus.createdAt.getTime() / 1000;
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description !== undefined ? { Description: bus.description } : {}),
    CreationTime: seconds,
    LastModifiedTime: seconds,
  };
}

export function createEventBus(state: EventsState, input: Input): unknown {
  const name = requiredString(input, "Name");
  if (!BUS_NAME.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+`,
    );
  }
  if (state.registry.hasBus(name)) {
    throw new EventsError("ResourceAlreadyExistsException", `Event bus ${name} already exists.`);
  }
  const bus = state.registry.addBus(name, false);
  const description = optionalString(input, "Description");
  if (description !== undefined) bus.description = description;
  return { EventBusArn: bus.arn, ...(description !== undefined ? { Description: description } : {}) };
}

/** Deletes the bus and its rules; a bus that does not exist is not an error. */
export function deleteEventBus(state: EventsState, input: Input): unknown {
  const name = requiredString(input, "Name");
  if (name === DEFAULT_BUS) throw validationError("Cannot delete event bus default.");
  state.registry.deleteBus(name);
  return {};
}

export function listEventBuses(state: EventsState, input: Input): unknown {
  const prefix = optionalString(input, "NamePrefix") ?? "";
  const buses = state.registry.buses().filter((bus) => bus.name.startsWith(prefix));
  const { items, ...next } = page(buses, input);
  return { EventBuses: items.map(describe), ...next };
}

export function describeEventBus(state: EventsState, input: Input): unknown {
  return describe(state.registry.bus(busNameOf(input.Name)));
}
