// Property tests: random histories against a reference model, and random concurrent writers against subscribers.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { v4 as uuid } from 'uuid';
import type { AppendResult, EventStore } from '../../port/event-store.js';
import { EventStoreError } from '../../port/errors.js';
import { ExpectedRevision } from '../../port/revision.js';
import { anEvent, collect, takeMessages } from '../helpers.js';
import { chooseExpected, emptyModel, modelAppend, modelDelete, type ExpectedChoice } from './reference-model.js';
import type { ConformanceKit } from './kit.js';

const expectedChoice: fc.Arbitrary<ExpectedChoice> = fc.oneof(
  fc
    .constantFrom(ExpectedRevision.Any, ExpectedRevision.NoStream, ExpectedRevision.StreamExists)
    .map((kind) => ({ kind })),
  fc.integer({ min: -1, max: 1 }).map((offset) => ({ kind: 'exact' as const, offset })),
);

const operation = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      stream: fc.nat(2),
      size: fc.nat(3),
      expected: expectedChoice,
      reuse: fc.constantFrom('none', 'none', 'retry', 'partial', 'foreign'),
      pick: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), stream: fc.nat(2), expected: expectedChoice }),
  },
);

type Operation = typeof operation extends fc.Arbitrary<infer Value> ? Value : never;

async function outcomeOf<Result>(work: () => Promise<Result>): Promise<Result | { code: string }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EventStoreError) return { code: error.code };
    throw error;
  }
}

/**
 * Replays random operations on the store and the model, comparing every outcome and the final reads.
 * `sameStreamOnly`: reused ids go back to the stream that holds them (stores that check ids per stream).
 */
async function checkAgainstModel(
  store: EventStore,
  prefix: string,
  operations: readonly Operation[],
  sameStreamOnly = false,
): Promise<void> {
  const model = emptyModel();
  const batches: { streamName: string; ids: string[] }[] = [];
  const positions = new Map<string, bigint>();
  const name = (stream: number) => `${prefix}${stream}`;
  for (const op of operations) {
    const streamName = name(op.stream);
    const expectedRevision = chooseExpected(model, streamName, op.expected);
    if (op.kind === 'delete') {
      const code = modelDelete(model, streamName, expectedRevision);
      expect(await outcomeOf(() => store.deleteStream(streamName, { expectedRevision }))).toEqual(
        code === null ? undefined : { code },
      );
      continue;
    }
    const earlier = batches.filter((batch) => batch.ids.length > 0);
    const chosen = earlier[op.pick % Math.max(1, earlier.length)];
    const fresh = Array.from({ length: op.size }, () => uuid());
    const target =
      chosen !== undefined && (op.reuse === 'retry' || (sameStreamOnly && op.reuse !== 'none'))
        ? chosen.streamName
        : op.reuse === 'foreign' && chosen !== undefined && chosen.streamName === streamName
          ? name((op.stream + 1) % 3)
          : streamName;
    const ids =
      chosen === undefined || op.reuse === 'none'
        ? fresh
        : op.reuse === 'retry'
          ? chosen.ids
          : [chosen.ids[0] as string, ...fresh];
    const expected = target === streamName ? expectedRevision : chooseExpected(model, target, op.expected);
    const prediction = modelAppend(model, target, ids, expected);
    const outcome = await outcomeOf(() =>
      store.append(
        target,
        ids.map((eventId) => anEvent('Step', { eventId }, { eventId })),
        { expectedRevision: expected },
      ),
    );
    if (prediction.outcome === 'error') {
      expect(outcome).toEqual({ code: prediction.code });
      continue;
    }
    const result = outcome as AppendResult;
    expect(result.nextExpectedRevision).toBe(prediction.nextExpectedRevision);
    if (prediction.outcome === 'retry') {
      const [original] = await collect(
        store.readStream(target, { fromRevision: prediction.nextExpectedRevision, maxCount: 1 }),
      );
      expect([original?.eventId, result.position]).toEqual([prediction.lastEventId, original?.position]);
    }
    if (prediction.outcome === 'appended') {
      positions.set(ids[ids.length - 1] as string, result.position);
      batches.push({ streamName: target, ids });
    }
  }
  for (const [streamName, stream] of model.streams) {
    if (stream.deleted)
      expect(await outcomeOf(() => collect(store.readStream(streamName)))).toEqual({ code: 'STREAM_DELETED' });
    else
      expect((await collect(store.readStream(streamName))).map((event) => [event.eventId, event.revision])).toEqual(
        stream.eventIds.map((id, revision) => [id, BigInt(revision)]),
      );
  }
  const logged = await collect(store.readAll({ filter: { streamPrefixes: [prefix] } }));
  expect(logged.map((event) => event.eventId)).toEqual(model.log);
  for (const event of logged)
    if (positions.has(event.eventId)) expect(event.position).toBe(positions.get(event.eventId));
}

const writerPlan = fc.record({
  appends: fc.array(
    fc.record({ stream: fc.nat(3), size: fc.integer({ min: 1, max: 3 }), waitForEarlier: fc.boolean() }),
    { minLength: 1, maxLength: 12 },
  ),
  subscribeAt: fc.nat(12),
});

export function describeProperties({
  withStore,
  numRuns,
  timeoutMs,
  eventIdsUniqueAcrossStreams,
}: ConformanceKit): void {
  describe('properties', () => {
    it('matches a reference model over random batches, retries, conflicts, expected revisions and deletes', () =>
      withStore(async (store) => {
        let run = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(operation, { maxLength: 14 }), (operations) =>
            checkAgainstModel(store, `model${run++}x-`, operations, !eventIdsUniqueAcrossStreams),
          ),
          { numRuns: numRuns(40) },
        );
      }));

    it('delivers every event of concurrent writers to subscribers exactly once, in global order, without gaps', () =>
      withStore(async (store) => {
        let run = 0;
        await fc.assert(
          fc.asyncProperty(writerPlan, async ({ appends, subscribeAt }) => {
            const prefix = `race${run++}x-`;
            const after = await store.headPosition();
            const everything = store.subscribe({ after });
            let filtered: ReturnType<EventStore['subscribe']> | undefined;
            try {
              const inFlight: Promise<unknown>[] = [];
              for (const [index, { stream, size, waitForEarlier }] of appends.entries()) {
                if (index === subscribeAt) filtered = store.subscribe({ after, filter: { streamPrefixes: [prefix] } });
                if (waitForEarlier) await Promise.all(inFlight);
                inFlight.push(
                  store.append(
                    `${prefix}${stream}`,
                    Array.from({ length: size }, (_, n) => anEvent('Step', { n })),
                  ),
                );
              }
              filtered ??= store.subscribe({ after, filter: { streamPrefixes: [prefix] } });
              await Promise.all(inFlight);
              const stored = await collect(store.readAll({ after }));
              expect(stored).toHaveLength(appends.reduce((total, { size }) => total + size, 0));
              await store.append(`${prefix}sentinel`, [anEvent('Sentinel')]);
              for (const subscription of [everything, filtered]) {
                const messages = await takeMessages(subscription, stored.length + 2, timeoutMs);
                expect(messages.filter((message) => message.kind === 'caught-up')).toHaveLength(1);
                const events = messages.flatMap((message) => (message.kind === 'event' ? [message.event] : []));
                expect(events.map((event) => event.eventId)).toEqual([
                  ...stored.map((event) => event.eventId),
                  events[events.length - 1]?.eventId,
                ]);
                expect(events[events.length - 1]?.type).toBe('Sentinel');
              }
            } finally {
              await everything.stop();
              await filtered?.stop();
            }
          }),
          { numRuns: numRuns(25) },
        );
      }));
  });
}
