// Reading one stream forwards and backwards from an inclusive revision, with a maximum count.
import { describe, expect, it } from '@jest/globals';
import type { EventStore } from '../../port/event-store.js';
import { anEvent, collect } from '../helpers.js';
import type { ConformanceKit } from './kit.js';

async function fiveEvents(store: EventStore): Promise<void> {
  await store.append(
    'lead-1',
    [0, 1, 2].map((n) => anEvent('Step', { n })),
  );
  await store.append('workflow-1', [anEvent('Other')]);
  await store.append(
    'lead-1',
    [3, 4].map((n) => anEvent('Step', { n })),
  );
}

const revisionsOf = async (events: AsyncIterable<{ revision: bigint }>) =>
  (await collect(events)).map((event) => event.revision);

export function describeReadStream({ withStore }: ConformanceKit): void {
  describe('readStream', () => {
    it('reads forwards from the start by default', () =>
      withStore(async (store) => {
        await fiveEvents(store);
        expect(await revisionsOf(store.readStream('lead-1'))).toEqual([0n, 1n, 2n, 3n, 4n]);
      }));

    it('reads forwards from an inclusive revision, at most maxCount events', () =>
      withStore(async (store) => {
        await fiveEvents(store);
        expect(await revisionsOf(store.readStream('lead-1', { fromRevision: 2n }))).toEqual([2n, 3n, 4n]);
        expect(await revisionsOf(store.readStream('lead-1', { fromRevision: 1n, maxCount: 2 }))).toEqual([1n, 2n]);
        expect(await revisionsOf(store.readStream('lead-1', { fromRevision: 5n }))).toEqual([]);
        expect(await revisionsOf(store.readStream('lead-1', { maxCount: 0 }))).toEqual([]);
      }));

    it('reads backwards from the last event or from an inclusive revision', () =>
      withStore(async (store) => {
        await fiveEvents(store);
        expect(await revisionsOf(store.readStream('lead-1', { direction: 'backwards' }))).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect(
          await revisionsOf(store.readStream('lead-1', { direction: 'backwards', fromRevision: 2n, maxCount: 2 })),
        ).toEqual([2n, 1n]);
        expect(await revisionsOf(store.readStream('lead-1', { direction: 'backwards', maxCount: 1 }))).toEqual([4n]);
        expect(await revisionsOf(store.readStream('lead-1', { direction: 'backwards', fromRevision: 99n }))).toEqual([
          4n,
          3n,
          2n,
          1n,
          0n,
        ]);
      }));

    it('yields nothing for a stream that does not exist', () =>
      withStore(async (store) => {
        await fiveEvents(store);
        expect(await collect(store.readStream('lead-nobody'))).toEqual([]);
        expect(await collect(store.readStream('lead-nobody', { direction: 'backwards' }))).toEqual([]);
      }));

    it('gives the same recorded events as readAll', () =>
      withStore(async (store) => {
        await fiveEvents(store);
        const fromAll = (await collect(store.readAll())).filter((event) => event.streamName === 'lead-1');
        expect(await collect(store.readStream('lead-1'))).toEqual(fromAll);
      }));

    it('streams a long stream and lets the reader stop early', () =>
      withStore(async (store) => {
        for (let batch = 0; batch < 10; batch++)
          await store.append(
            'lead-long',
            Array.from({ length: 100 }, (_, n) => anEvent('Step', { n: batch * 100 + n })),
          );
        let seen = 0;
        for await (const event of store.readStream('lead-long')) {
          expect(event.revision).toBe(BigInt(seen));
          if (++seen === 250) break;
        }
        expect(seen).toBe(250);
        expect(
          await revisionsOf(store.readStream('lead-long', { direction: 'backwards', fromRevision: 999n, maxCount: 3 })),
        ).toEqual([999n, 998n, 997n]);
        expect((await collect(store.readStream('lead-long'))).length).toBe(1000);
      }));
  });
}
