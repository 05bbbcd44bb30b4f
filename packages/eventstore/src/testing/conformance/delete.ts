// Deleting a stream leaves a tombstone: the stream can be neither read nor written again.
import { describe, expect, it } from '@jest/globals';
import { v4 as uuid } from 'uuid';
import { StreamDeletedError, WrongExpectedRevisionError } from '../../port/errors.js';
import { ExpectedRevision } from '../../port/revision.js';
import { anEvent, collect } from '../helpers.js';
import { expectRejection, type ConformanceKit } from './kit.js';

export function describeDelete({ withStore }: ConformanceKit): void {
  describe('deleteStream', () => {
    it('makes later reads, appends, revision look-ups and deletes throw StreamDeletedError', () =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('A'), anEvent('B')]);
        await store.deleteStream('lead-1', { expectedRevision: 1n });
        const deleted = { streamName: 'lead-1', code: 'STREAM_DELETED' };
        await expectRejection(() => collect(store.readStream('lead-1')), StreamDeletedError, deleted);
        await expectRejection(
          () => collect(store.readStream('lead-1', { direction: 'backwards' })),
          StreamDeletedError,
          deleted,
        );
        for (const expectedRevision of [
          ExpectedRevision.Any,
          ExpectedRevision.NoStream,
          ExpectedRevision.StreamExists,
          1n,
        ]) {
          await expectRejection(
            () => store.append('lead-1', [anEvent('C')], { expectedRevision }),
            StreamDeletedError,
            deleted,
          );
        }
        await expectRejection(() => store.streamRevision('lead-1'), StreamDeletedError, deleted);
        await expectRejection(() => store.deleteStream('lead-1'), StreamDeletedError, deleted);
      }));

    it('honours the expected revision and leaves the stream alone when it does not match', () =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('A'), anEvent('B')]);
        await expectRejection(
          () => store.deleteStream('lead-1', { expectedRevision: 0n }),
          WrongExpectedRevisionError,
          { expected: 0n, actual: 1n },
        );
        await expectRejection(
          () => store.deleteStream('lead-1', { expectedRevision: ExpectedRevision.NoStream }),
          WrongExpectedRevisionError,
          { actual: 1n },
        );
        expect(await collect(store.readStream('lead-1'))).toHaveLength(2);
        await store.deleteStream('lead-1', { expectedRevision: ExpectedRevision.StreamExists });
        await expectRejection(() => collect(store.readStream('lead-1')), StreamDeletedError);
      }));

    it('tombstones a name that was never used, unless the stream was expected to exist', () =>
      withStore(async (store) => {
        await expectRejection(
          () => store.deleteStream('lead-1', { expectedRevision: ExpectedRevision.StreamExists }),
          WrongExpectedRevisionError,
          { actual: ExpectedRevision.NoStream },
        );
        await store.deleteStream('lead-1', { expectedRevision: ExpectedRevision.NoStream });
        await expectRejection(() => store.append('lead-1', [anEvent('A')]), StreamDeletedError);
      }));

    it('refuses even an exact retry of a batch the deleted stream holds', () =>
      withStore(async (store) => {
        const batch = [anEvent('A', {}, { eventId: uuid() })];
        await store.append('lead-1', batch);
        await store.deleteStream('lead-1');
        await expectRejection(() => store.append('lead-1', batch), StreamDeletedError);
      }));

    it('keeps the global log unchanged: history stays readable and nothing is added', () =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('A')]);
        await store.append('lead-2', [anEvent('B')]);
        const before = await collect(store.readAll());
        await store.deleteStream('lead-1');
        expect(await collect(store.readAll())).toEqual(before);
        expect(await collect(store.readStream('lead-2'))).toHaveLength(1);
      }));
  });
}
