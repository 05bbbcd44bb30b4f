// Chooses the filter the server applies to a subscription. The server filters on one thing only (event
// type or stream name), so the adapter applies the port's whole filter again on what arrives.
import { eventTypeFilter, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { EventFilter } from '@leadline/eventstore';
import type { StreamNames } from './stream-names.js';

/** No `$`-prefixed (system) event types: the client's own "exclude system events" expression. */
const NOT_A_SYSTEM_EVENT = '^[^\\$]';

export function serverFilterFor(filter: EventFilter | undefined, names: StreamNames): Filter {
  if (filter?.streamPrefixes !== undefined || names.prefix !== '') {
    const prefixes = filter?.streamPrefixes ?? [''];
    return streamNameFilter({ prefixes: prefixes.map((prefix) => `${names.prefix}${prefix}`) });
  }
  if (filter?.eventTypes !== undefined) {
    return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  }
  return eventTypeFilter({ regex: NOT_A_SYSTEM_EVENT });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
