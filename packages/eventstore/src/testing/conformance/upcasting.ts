// Registered upcasters turn stored old versions into the current one on every read path.
import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../port/events.js';
import type { Upcaster } from '../../upcasting/upcaster.js';
import { anEvent, collect, takeMessages } from '../helpers.js';
import type { ConformanceKit } from './kit.js';

// LeadCreated v1 had `name`; v2 split it into first and last; v3 added a `source` (recorded in metadata too).
const upcasters: Upcaster[] = [
  {
    eventType: 'LeadCreated',
    fromVersion: 2,
    upcast: (data, metadata) => ({
      data: { ...(data as object), source: 'unknown' },
      metadata: { ...metadata, upcastedFrom: 'v2' },
    }),
  },
  {
    eventType: 'LeadCreated',
    fromVersion: 1,
    upcast: (data) => {
      const [first = '', last = ''] = (data as { name: string }).name.split(' ');
      return { data: { first, last } };
    },
  },
];

const current = { first: 'Ada', last: 'Lovelace', source: 'unknown' };

async function history(store: {
  append: (name: string, events: ReturnType<typeof anEvent>[]) => Promise<unknown>;
}): Promise<void> {
  await store.append('lead-1', [anEvent('LeadCreated', { name: 'Ada Lovelace' }, { metadata: { schemaVersion: 1 } })]);
  await store.append('lead-2', [
    anEvent('LeadCreated', { first: 'Ada', last: 'Lovelace' }, { metadata: { schemaVersion: 2 } }),
  ]);
  await store.append('lead-3', [
    anEvent('LeadCreated', { first: 'Grace', last: 'Hopper', source: 'web' }, { metadata: { schemaVersion: 3 } }),
  ]);
  await store.append('lead-1', [anEvent('NoteLogged', { name: 'untouched' })]);
}

function expectUpcast(events: readonly RecordedEvent[]): void {
  expect(
    events.map((event) => [event.streamName, event.data, event.metadata.schemaVersion, event.metadata['upcastedFrom']]),
  ).toEqual([
    ['lead-1', current, 3, 'v2'],
    ['lead-2', current, 3, 'v2'],
    ['lead-3', { first: 'Grace', last: 'Hopper', source: 'web' }, 3, undefined],
    ['lead-1', { name: 'untouched' }, 1, undefined],
  ]);
  expect(events[0]?.metadata.orgId).toBe('org-conformance');
}

export function describeUpcasting({ withStore, timeoutMs }: ConformanceKit): void {
  describe('upcasting', () => {
    it('upcasts on readStream, forwards and backwards', () =>
      withStore(
        async (store) => {
          await history(store);
          const lead1 = await collect(store.readStream('lead-1'));
          expect(lead1.map((event) => event.data)).toEqual([current, { name: 'untouched' }]);
          expect((await collect(store.readStream('lead-2', { direction: 'backwards' })))[0]?.data).toEqual(current);
        },
        { upcasters },
      ));

    it('upcasts on readAll, filtered or not', () =>
      withStore(
        async (store) => {
          await history(store);
          expectUpcast(await collect(store.readAll()));
          expect(
            (await collect(store.readAll({ filter: { eventTypes: ['LeadCreated'] } }))).map((event) => event.data),
          ).toEqual([current, current, { first: 'Grace', last: 'Hopper', source: 'web' }]);
        },
        { upcasters },
      ));

    it('upcasts on subscriptions, in the history and live', () =>
      withStore(
        async (store) => {
          await history(store);
          const subscription = store.subscribe();
          try {
            const messages = await takeMessages(subscription, 5, timeoutMs);
            expectUpcast(messages.flatMap((message) => (message.kind === 'event' ? [message.event] : [])));
            await store.append('lead-9', [
              anEvent('LeadCreated', { name: 'Ada Lovelace' }, { metadata: { schemaVersion: 1 } }),
            ]);
            const [live] = await takeMessages(subscription, 1, timeoutMs);
            expect(live?.kind === 'event' ? [live.event.data, live.event.metadata.schemaVersion] : live).toEqual([
              current,
              3,
            ]);
          } finally {
            await subscription.stop();
          }
        },
        { upcasters },
      ));

    it('stores events as appended: a store without upcasters reads the old version back', () =>
      withStore(async (store) => {
        await history(store);
        expect((await collect(store.readStream('lead-1')))[0]?.data).toEqual({ name: 'Ada Lovelace' });
      }));
  });
}
