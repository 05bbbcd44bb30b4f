// What every operation of the store shares: the client, stream-name mapping, upcasters, and the
// disposed flag every call checks first.
import type { EventStoreDBClient } from '@eventstore/db-client';
import {
  StoreDisposedError,
  type RecordedEvent,
  type ResubscribePolicy,
  type UpcasterChain,
} from '@leadline/eventstore';
import { KnownEventIds } from './known-event-ids.js';
import type { StreamNames } from './stream-names.js';

/** Streams whose event ids a store remembers (see KnownEventIds). */
const KNOWN_STREAMS = 10_000;

export class StoreContext {
  disposed = false;
  readonly knownEventIds = new KnownEventIds(KNOWN_STREAMS);

  constructor(
    readonly client: EventStoreDBClient,
    readonly names: StreamNames,
    readonly upcasters: UpcasterChain,
    readonly resubscribe: ResubscribePolicy,
  ) {}

  ensureOpen(): void {
    if (this.disposed) throw new StoreDisposedError();
  }

  present(event: RecordedEvent): RecordedEvent {
    return this.upcasters.apply(event);
  }
}
