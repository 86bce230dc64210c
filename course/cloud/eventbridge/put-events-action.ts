// PutEvents: one result per entry, in order; the accepted events are routed
// to the rules of their bus after the call has answered. An event for a bus
// that does not exist is accepted and dropped, as EventBridge does; the local
// cloud says so in its log.
import { busNameOf } from "./arns.ts";
import type { EventsState, Input } from "./events-state.ts";
import { checkEntries, type EntryFailure, eventOf } from "./put-events.ts";

export function putEvents(state: EventsState, input: Input): unknown {
  const entries = input.Entries;
  checkEntries(entries);
  const received = new Date();
  const results: ({ EventId: string } | EntryFailure)[] = entries.map((entry) => {
    const made = eventOf(entry, received);
    if ("failure" in made) return made.failure;
    const { event } = made;
    const busName = busNameOf(entry.EventBusName);
    if (state.registry.hasBus(busName)) {
      state.router.route(event, state.registry.rules(busName), received);
    } else {
      state.log(`events: event ${event.id} was put on bus ${busName}, which does not exist; it goes nowhere`);
    }
    return { EventId: String(event.id) };
  });
  const failed = results.filter((result) => "ErrorCode" in result).length;
  return { FailedEntryCount: failed, Entries: results };
}
