// Appending to several streams at once: each part checked as append checks it, all parts or none.
import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, StreamDeletedError, WrongExpectedRevisionError } from '../../port/errors.js';
import { ExpectedRevision } from '../../port/revision.js';
import { anEvent, collect } from '../helpers.js';
import { expectRejection, type ConformanceKit } from './kit.js';

const ids = ['0b6b9d3e-6f1e-4d7e-9a0f-3c1f2a9b8d01', '0b6b9d3e-6f1e-4d7e-9a0f-3c1f2a9b8d02'] as const;

export function describeAppendToStreams({ withStore, multiStreamAtomic }: ConformanceKit): void {
  describe('appendToStreams', () => {
    it('writes every part at its stream revisions and positions, and returns their results in order', () =>
      withStore(async (store) => {
        await store.append('lead-2', [anEvent('A')]);
        const results = await store.appendToStreams([
          { streamName: 'lead-1', events: [anEvent('B'), anEvent('C')], expectedRevision: ExpectedRevision.NoStream },
          { streamName: 'lead-2', events: [anEvent('D')], expectedRevision: 0n },
          { streamName: 'contact-1', events: [anEvent('E')] },
        ]);
        const all = await collect(store.readAll());
        expect(all.map((event) => [event.streamName, event.revision, event.type])).toEqual([
          ['lead-2', 0n, 'A'],
          ['lead-1', 0n, 'B'],
          ['lead-1', 1n, 'C'],
          ['lead-2', 1n, 'D'],
          ['contact-1', 0n, 'E'],
        ]);
        expect(results).toEqual([
          { nextExpectedRevision: 1n, position: all[2]?.position },
          { nextExpectedRevision: 1n, position: all[3]?.position },
          { nextExpectedRevision: 0n, position: all[4]?.position },
        ]);
        expect(await store.streamRevisions(['lead-1', 'nowhere', 'lead-2'])).toEqual([1n, null, 1n]);
      }));

    it('throws the failing part’s WrongExpectedRevisionError and writes none of the parts', () =>
      withStore(async (store) => {
        await store.append('lead-2', [anEvent('A')]);
        await expectRejection(
          () =>
            store.appendToStreams([
              { streamName: 'lead-1', events: [anEvent('B')], expectedRevision: ExpectedRevision.NoStream },
              { streamName: 'lead-2', events: [anEvent('C')], expectedRevision: ExpectedRevision.NoStream },
            ]),
          WrongExpectedRevisionError,
          { streamName: 'lead-2' },
        );
        if (multiStreamAtomic) expect((await collect(store.readAll())).map((event) => event.type)).toEqual(['A']);
      }));

    it('refuses a deleted stream and a stream named twice', () =>
      withStore(async (store) => {
        await store.deleteStream('lead-9');
        await expectRejection(
          () => store.appendToStreams([{ streamName: 'lead-9', events: [anEvent('A')] }]),
          StreamDeletedError,
        );
        await expectRejection(
          () =>
            store.appendToStreams([
              { streamName: 'lead-1', events: [anEvent('A')] },
              { streamName: 'lead-1', events: [anEvent('B')] },
            ]),
          InvalidArgumentError,
          { field: 'appends[1].streamName', rule: 'unique within the call' },
        );
        expect(await collect(store.readAll())).toEqual([]);
      }));

    it('returns the original results for an exact retry, writing nothing again', () =>
      withStore(async (store) => {
        const appends = [
          {
            streamName: 'lead-1',
            events: [anEvent('A', {}, { eventId: ids[0] })],
            expectedRevision: ExpectedRevision.NoStream,
          },
          {
            streamName: 'contact-1',
            events: [anEvent('B', {}, { eventId: ids[1] })],
            expectedRevision: ExpectedRevision.NoStream,
          },
        ];
        const first = await store.appendToStreams(appends);
        expect(await store.appendToStreams(appends)).toEqual(first);
        expect(await collect(store.readAll())).toHaveLength(2);
      }));
  });
}
