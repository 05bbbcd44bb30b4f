// Puts a generated history into a real event store, one append per event so global positions match.
import type { EventStore, RecordedEvent } from '@leadline/eventstore';

export async function appendHistory(store: EventStore, events: readonly RecordedEvent[]): Promise<void> {
  for (const event of events) {
    await store.append(event.streamName, [
      { eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata },
    ]);
  }
}
