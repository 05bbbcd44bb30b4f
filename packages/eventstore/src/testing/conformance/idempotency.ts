// Idempotent append by event id: an exact retry is harmless, anything half-stored is refused whole.
import { describe, expect, it } from '@jest/globals';
import { v4 as uuid } from 'uuid';
import { EventIdConflictError } from '../../port/errors.js';
import { ExpectedRevision } from '../../port/revision.js';
import { anEvent, collect } from '../helpers.js';
import { expectRejection, type ConformanceKit } from './kit.js';

export function describeIdempotency({ withStore, eventIdsUniqueAcrossStreams }: ConformanceKit): void {
  describe('idempotent append by event id', () => {
    it('returns the original result for an exact retry and writes nothing, whatever revision the retry expects', () =>
      withStore(async (store) => {
        const batch = [anEvent('A', {}, { eventId: uuid() }), anEvent('B', {}, { eventId: uuid() })];
        const original = await store.append('lead-1', batch, { expectedRevision: ExpectedRevision.NoStream });
        await store.append('lead-1', [anEvent('C')]);
        const head = await store.headPosition();
        for (const expectedRevision of [
          ExpectedRevision.NoStream,
          ExpectedRevision.Any,
          ExpectedRevision.StreamExists,
          1n,
          7n,
        ]) {
          expect(await store.append('lead-1', batch, { expectedRevision })).toEqual(original);
        }
        expect((await collect(store.readStream('lead-1'))).map((event) => event.type)).toEqual(['A', 'B', 'C']);
        expect(await store.headPosition()).toBe(head);
      }));

    it('refuses a batch mixing stored and new ids, and writes none of it', () =>
      withStore(async (store) => {
        const stored = uuid();
        await store.append('lead-1', [anEvent('A', {}, { eventId: stored })]);
        const head = await store.headPosition();
        await expectRejection(
          () => store.append('lead-1', [anEvent('A', {}, { eventId: stored }), anEvent('B', {}, { eventId: uuid() })]),
          EventIdConflictError,
          { streamName: 'lead-1', eventIds: [stored] },
        );
        expect(await store.streamRevision('lead-1')).toBe(0n);
        expect(await store.headPosition()).toBe(head);
      }));

    (eventIdsUniqueAcrossStreams ? it : it.skip)(
      'refuses an event id already stored in another stream, and writes none of the batch',
      () =>
        withStore(async (store) => {
          const stored = uuid();
          await store.append('lead-1', [anEvent('A', {}, { eventId: stored })]);
          await expectRejection(
            () =>
              store.append('lead-2', [anEvent('B', {}, { eventId: uuid() }), anEvent('A', {}, { eventId: stored })]),
            EventIdConflictError,
            { streamName: 'lead-2', eventIds: [stored] },
          );
          expect(await store.streamRevision('lead-2')).toBeNull();
          expect(await collect(store.readAll())).toHaveLength(1);
        }),
    );

    it('treats concurrent retries of one batch as one append', () =>
      withStore(async (store) => {
        const batch = [anEvent('A', {}, { eventId: uuid() }), anEvent('B', {}, { eventId: uuid() })];
        const results = await Promise.allSettled(
          [1, 2, 3].map(() => store.append('lead-1', batch, { expectedRevision: ExpectedRevision.NoStream })),
        );
        const fulfilled = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
        expect(fulfilled.length).toBeGreaterThanOrEqual(1);
        for (const result of fulfilled) expect(result).toEqual(fulfilled[0]);
        expect((await collect(store.readAll())).map((event) => event.type)).toEqual(['A', 'B']);
      }));
  });
}
