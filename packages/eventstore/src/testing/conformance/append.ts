// Appending: revisions, positions, generated ids, expected revisions and atomicity.
import { describe, expect, it } from '@jest/globals';
import { validate as isUuid } from 'uuid';
import { WrongExpectedRevisionError } from '../../port/errors.js';
import { START } from '../../port/events.js';
import { ExpectedRevision, NO_STREAM_REVISION, type ExpectedRevision as Expected } from '../../port/revision.js';
import { anEvent, collect } from '../helpers.js';
import { expectRejection, type ConformanceKit } from './kit.js';

export function describeAppend({ withStore }: ConformanceKit): void {
  describe('append', () => {
    it('records a batch at consecutive revisions with its type, data and metadata intact', () =>
      withStore(async (store) => {
        const events = [
          anEvent('LeadCreated', { name: 'Ada', tags: ['vip'] }),
          anEvent('NoteLogged', { text: 'called', outcome: null }),
        ];
        const result = await store.append('lead-1', events, { expectedRevision: ExpectedRevision.NoStream });
        const stored = await collect(store.readStream('lead-1'));
        expect(
          stored.map(({ type, data, metadata, streamName, revision }) => ({
            type,
            data,
            metadata,
            streamName,
            revision,
          })),
        ).toEqual([
          { ...events[0], streamName: 'lead-1', revision: 0n },
          { ...events[1], streamName: 'lead-1', revision: 1n },
        ]);
        expect(result).toEqual({ nextExpectedRevision: 1n, position: stored[1]?.position });
        expect(await store.streamRevision('lead-1')).toBe(1n);
      }));

    it('keeps given event ids and generates distinct uuids for the others', () =>
      withStore(async (store) => {
        const given = '6f1c2a52-3a8e-4c55-9b1e-2f5b7a1d9c01';
        await store.append('lead-1', [anEvent('A', {}, { eventId: given }), anEvent('B'), anEvent('C')]);
        const ids = (await collect(store.readStream('lead-1'))).map((event) => event.eventId);
        expect(ids[0]).toBe(given);
        expect(ids.every((id) => isUuid(id))).toBe(true);
        expect(new Set(ids).size).toBe(3);
      }));

    it('gives every event a global position above START, increasing across streams, and reports the head', () =>
      withStore(async (store) => {
        expect(await store.headPosition()).toBe(START);
        const first = await store.append('lead-1', [anEvent('A'), anEvent('B')]);
        const second = await store.append('workflow-1', [anEvent('C')]);
        const third = await store.append('lead-1', [anEvent('D')]);
        const positions = (await collect(store.readAll())).map((event) => event.position);
        expect(positions[0]! > START).toBe(true);
        expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
        expect(new Set(positions).size).toBe(4);
        expect([first.position, second.position, third.position]).toEqual([positions[1], positions[2], positions[3]]);
        expect(await store.headPosition()).toBe(third.position);
      }));

    it('reports a stream that does not exist as revision null', () =>
      withStore(async (store) => {
        expect(await store.streamRevision('lead-nobody')).toBeNull();
      }));

    describe('expected revision', () => {
      const onMissing: [string, Expected, boolean][] = [
        ['any', ExpectedRevision.Any, true],
        ['no stream', ExpectedRevision.NoStream, true],
        ['stream exists', ExpectedRevision.StreamExists, false],
        ['exact 0n', 0n, false],
      ];
      it.each(onMissing)('on a missing stream, %s → accepted: %s', (_label, expectedRevision, accepted) =>
        withStore(async (store) => {
          const append = () => store.append('lead-1', [anEvent('A')], { expectedRevision });
          if (accepted) expect((await append()).nextExpectedRevision).toBe(0n);
          else
            await expectRejection(append, WrongExpectedRevisionError, {
              streamName: 'lead-1',
              expected: expectedRevision,
              actual: ExpectedRevision.NoStream,
            });
          expect(await store.streamRevision('lead-1')).toBe(accepted ? 0n : null);
        }),
      );

      const onExisting: [string, Expected, boolean][] = [
        ['any', ExpectedRevision.Any, true],
        ['no stream', ExpectedRevision.NoStream, false],
        ['stream exists', ExpectedRevision.StreamExists, true],
        ['exact 1n (current)', 1n, true],
        ['exact 0n (stale)', 0n, false],
        ['exact 2n (ahead)', 2n, false],
      ];
      it.each(onExisting)('on a stream at 1n, %s → accepted: %s', (_label, expectedRevision, accepted) =>
        withStore(async (store) => {
          await store.append('lead-1', [anEvent('A'), anEvent('B')]);
          const append = () => store.append('lead-1', [anEvent('C')], { expectedRevision });
          if (accepted) expect((await append()).nextExpectedRevision).toBe(2n);
          else
            await expectRejection(append, WrongExpectedRevisionError, {
              streamName: 'lead-1',
              expected: expectedRevision,
              actual: 1n,
            });
          expect(await store.streamRevision('lead-1')).toBe(accepted ? 2n : 1n);
        }),
      );

      it('lets exactly one of several concurrent appends at the same revision through', () =>
        withStore(async (store) => {
          await store.append('lead-1', [anEvent('Created')]);
          const outcomes = await Promise.allSettled(
            Array.from({ length: 5 }, (_, writer) =>
              store.append('lead-1', [anEvent('Decided', { writer }), anEvent('Decided', { writer })], {
                expectedRevision: 0n,
              }),
            ),
          );
          const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          expect(winners).toHaveLength(1);
          for (const outcome of outcomes)
            if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
          const events = await collect(store.readStream('lead-1'));
          expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
          expect(new Set(events.slice(1).map((event) => (event.data as { writer: number }).writer)).size).toBe(1);
        }));
    });

    describe('an empty batch', () => {
      it('writes nothing and reports where the stream is', () =>
        withStore(async (store) => {
          const appended = await store.append('lead-1', [anEvent('A'), anEvent('B')]);
          expect(await store.append('lead-1', [], { expectedRevision: 1n })).toEqual(appended);
          expect(await store.append('lead-2', [], { expectedRevision: ExpectedRevision.NoStream })).toEqual({
            nextExpectedRevision: NO_STREAM_REVISION,
            position: START,
          });
          expect(await store.streamRevision('lead-2')).toBeNull();
          expect(await store.headPosition()).toBe(appended.position);
        }));

      it('still checks the expected revision', () =>
        withStore(async (store) => {
          await expectRejection(
            () => store.append('lead-1', [], { expectedRevision: ExpectedRevision.StreamExists }),
            WrongExpectedRevisionError,
            { actual: ExpectedRevision.NoStream },
          );
        }));
    });

    it('keeps what it stored apart from the objects the caller holds', () =>
      withStore(async (store) => {
        const event = anEvent('LeadCreated', { name: 'Ada', emails: ['ada@example.com'] });
        await store.append('lead-1', [event]);
        const attempt = (mutate: () => void) => {
          try {
            mutate();
          } catch {
            // A store may freeze what it keeps (the memory store freezes in place); either way it must not change.
          }
        };
        const mutable = event.data as { name: string; emails: string[] };
        attempt(() => (mutable.name = 'Changed'));
        attempt(() => mutable.emails.push('other@example.com'));
        const [read] = await collect(store.readStream('lead-1'));
        attempt(() => (read?.data as { emails: string[] }).emails.push('third@example.com'));
        const [again] = await collect(store.readStream('lead-1'));
        expect(again?.data).toEqual({ name: 'Ada', emails: ['ada@example.com'] });
      }));
  });
}
