import { describe, expect, it } from '@jest/globals';
import { createMemoryEventStore } from '../memory/memory-event-store.js';
import type { RecordedEvent } from '../port/events.js';
import { testMetadata } from '../testing/helpers.js';
import type { Upcaster } from './upcaster.js';
import { withUpcasters } from './upcasting-event-store.js';

const scoreToWord: Upcaster = {
  eventType: 'LeadCreated',
  fromVersion: 1,
  upcast: (data) => ({ data: { ...(data as object), rating: 'hot' } }),
};

const collect = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

describe('a store with upcasters over another store', () => {
  it('upcasts what readStream, readAll and subscribe give, and leaves what is stored alone', async () => {
    const inner = createMemoryEventStore();
    await inner.append('lead-1', [
      { type: 'LeadCreated', data: { rating: 5 }, metadata: { ...testMetadata, schemaVersion: 1 } },
      { type: 'NoteLogged', data: { text: 'hi' }, metadata: { ...testMetadata, schemaVersion: 1 } },
    ]);
    const store = withUpcasters(inner, [scoreToWord]);
    const shapes = (events: RecordedEvent[]) => events.map((event) => [event.metadata.schemaVersion, event.data]);
    const expected = [
      [2, { rating: 'hot' }],
      [1, { text: 'hi' }],
    ];
    expect(shapes(await collect(store.readStream('lead-1')))).toEqual(expected);
    expect(shapes(await collect(store.readAll()))).toEqual(expected);
    const subscription = store.subscribe();
    const delivered: RecordedEvent[] = [];
    for await (const message of subscription) {
      if (message.kind === 'caught-up') break;
      delivered.push(message.event);
    }
    await subscription.stop();
    expect(shapes(delivered)).toEqual(expected);
    expect(shapes(await collect(inner.readStream('lead-1')))[0]).toEqual([1, { rating: 5 }]);
  });

  it('is harmless over a store that already upcasts with the same upcasters, and a no-op without any', async () => {
    const inner = createMemoryEventStore({ upcasters: [scoreToWord] });
    await inner.append('lead-1', [
      { type: 'LeadCreated', data: { rating: 5 }, metadata: { ...testMetadata, schemaVersion: 1 } },
    ]);
    const [event] = await collect(withUpcasters(inner, [scoreToWord]).readStream('lead-1'));
    expect([event?.metadata.schemaVersion, event?.data]).toEqual([2, { rating: 'hot' }]);
    expect(withUpcasters(inner, [])).toBe(inner);
  });
});
