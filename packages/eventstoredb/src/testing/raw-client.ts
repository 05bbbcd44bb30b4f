// The raw @eventstore/db-client doing a benchmark's work with nothing of ours around it: the ceiling
// the adapter is measured against (bench workloads append.eventstoredb and readAll.eventstoredb).
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import type { EventToAppend, ExpectedRevision } from '@leadline/eventstore';

export interface RawEventStoreDbClient {
  /** Events at an expected revision, as JSON with JSON metadata, in one append. */
  append(streamName: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<void>;
  /** Reads `$all` forwards, skipping system events, checking the order; returns how many it read. */
  countAll(): Promise<number>;
  close(): Promise<void>;
}

export function openRawClient(connectionString: string): RawEventStoreDbClient {
  const client = EventStoreDBClient.connectionString(connectionString);
  return {
    async append(streamName, events, expectedRevision) {
      const batch = events.map((event) => ({
        id: event.eventId ?? globalThis.crypto.randomUUID(),
        contentType: 'application/json' as const,
        type: event.type,
        data: { ...(event.data as object) },
        metadata: { ...event.metadata },
      }));
      await client.appendToStream(streamName, batch, { expectedRevision });
    },
    async countAll() {
      let events = 0;
      let last = 0n;
      for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS })) {
        const event = resolved.event;
        if (event === undefined || event.type.startsWith('$') || event.streamId.startsWith('$')) continue;
        const position = event.position.commit;
        if (position <= last) throw new Error('$all went backwards');
        last = position;
        events++;
      }
      return events;
    },
    close: () => client.dispose(),
  };
}
