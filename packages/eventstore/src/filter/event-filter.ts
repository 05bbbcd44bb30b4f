// Turns an EventFilter into a predicate; stores that cannot filter in their engine use it after reading.
import type { EventFilter } from '../port/event-store.js';

export type EventPredicate = (event: { readonly type: string; readonly streamName: string }) => boolean;

const everything: EventPredicate = () => true;

export function compileEventFilter(filter: EventFilter | undefined): EventPredicate {
  if (filter === undefined) return everything;
  const types = filter.eventTypes === undefined ? undefined : new Set(filter.eventTypes);
  const prefixes = filter.streamPrefixes;
  return (event) =>
    (types === undefined || types.has(event.type)) &&
    (prefixes === undefined || prefixes.some((prefix) => event.streamName.startsWith(prefix)));
}
