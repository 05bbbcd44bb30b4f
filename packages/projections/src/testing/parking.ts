// Part of the read-model store conformance: an event no projector can apply (appended raw, with a bad
// shape) is parked, every other event still lands, health reports it, and a retry after a fix applies it.
import { describe, expect, it } from '@jest/globals';
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import { createMemoryEventStore } from '@leadline/eventstore';
import { listParked } from '../parking/parked-events.js';
import type { ProjectedEvent, Projector } from '../projector/projector.js';
import { ALL_PROJECTORS, pipelineBoardProjector } from '../readmodels/index.js';
import { createProjectionRunner } from '../runner/runner.js';
import type { ReadModelStore } from '../store/port.js';
import type { ReadModelStoreFactory } from './factory.js';
import { appendHistory } from './event-store.js';
import { dumpReadModel } from './feed.js';
import { generateSeededHistory } from './history/interpreter.js';
import { seededSteps } from './history/steps.js';

const POISON_ID = '00000000-0000-4000-8000-00000000dead';
const PLACEHOLDER_ID = '00000000-0000-4000-8000-00000000beef';
const FIXED_LEAD = 'lead-fixed-after-parking';
const PARKED_AT = new Date('2026-03-02T10:00:00.000Z');
const RENAME_ID = '00000000-0000-4000-8000-00000000cafe';
const RENAMED = 'Renamed After Parking';
const RENAME = { leadId: FIXED_LEAD, changes: { name: RENAMED }, customFields: {} };

/**
 * A history with two raw events in its middle: the poison (a LeadCreated without data) and a rename of
 * the same lead, or two placeholders no projector handles.
 */
async function storeWith(history: readonly RecordedEvent[], poisoned: boolean): Promise<EventStore> {
  const eventStore = createMemoryEventStore();
  const middle = Math.floor(history.length / 2);
  await appendHistory(eventStore, history.slice(0, middle));
  const like = history[middle - 1];
  if (like === undefined) throw new Error('The history is too short to poison.');
  const { metadata } = like;
  await eventStore.append(
    poisoned ? 'lead-poisoned' : 'placeholder-1',
    poisoned
      ? [
          { eventId: POISON_ID, type: 'LeadCreated', data: null, metadata },
          { eventId: RENAME_ID, type: 'LeadDetailsUpdated', data: RENAME, metadata },
        ]
      : [
          { eventId: PLACEHOLDER_ID, type: 'PlaceholderRecorded', data: null, metadata },
          { eventId: RENAME_ID, type: 'PlaceholderRecorded', data: null, metadata },
        ],
  );
  await appendHistory(eventStore, history.slice(middle));
  return eventStore;
}

const dumpAll = (store: ReadModelStore, projectors: readonly Projector[]) =>
  Promise.all(projectors.map((projector) => dumpReadModel(store, projector)));

/** The same projectors, fixed to read a LeadCreated without data as a lead with these details. */
function fixed(projectors: readonly Projector[], like: RecordedEvent): Projector[] {
  const repair = (event: ProjectedEvent): ProjectedEvent => {
    // The poison has no data, whatever the type says: that is what makes it poison.
    const data: unknown = event.data;
    if (data !== null) return event;
    const repaired: RecordedEvent = { ...event, data: { ...(like.data as object), leadId: FIXED_LEAD } };
    return repaired as ProjectedEvent;
  };
  return projectors.map(({ prefetch, ...projector }) => ({
    ...projector,
    ...(prefetch === undefined ? {} : { prefetch: (event: ProjectedEvent) => prefetch(repair(event)) }),
    apply: (event, tx) => projector.apply(repair(event), tx),
  }));
}

export function describeParking(factory: ReadModelStoreFactory): void {
  const history = generateSeededHistory(240, seededSteps(11));
  const handlers = ALL_PROJECTORS.filter((projector) => projector.handles.includes('LeadCreated'));

  describe('parking events a projector cannot apply', () => {
    it('parks the poisoned event for each projector, applies every other event, reports it, and retries it after a fix', async () => {
      const poisoned = await storeWith(history, true);
      // The clean model to compare with: a store of the same kind under test.
      const reference = await factory();
      await createProjectionRunner({
        eventStore: await storeWith(history, false),
        store: reference,
        projectors: ALL_PROJECTORS,
      }).catchUp();
      const store = await factory();
      try {
        const runner = createProjectionRunner({
          eventStore: poisoned,
          store,
          projectors: ALL_PROJECTORS,
          batchSize: 50,
          now: () => PARKED_AT,
        });
        const result = await runner.catchUp();
        expect(result.position).toBe(BigInt(history.length + 2));
        expect(await dumpAll(store, ALL_PROJECTORS)).toEqual(await dumpAll(reference, ALL_PROJECTORS));

        // The poison is parked for every projector handling it; the rename after it waits behind it.
        const parked = await listParked(store);
        const position = BigInt(Math.floor(history.length / 2) + 1);
        expect(parked.filter((entry) => entry.eventId === POISON_ID).map((entry) => entry.projector)).toEqual(
          expect.arrayContaining(handlers.map((projector) => projector.name)),
        );
        for (const entry of parked) {
          expect(entry).toMatchObject({
            streamName: 'lead-poisoned',
            parkedAt: PARKED_AT.toISOString(),
            attempts: 1,
            ...(entry.eventId === POISON_ID
              ? { type: 'LeadCreated', position, error: { name: 'TypeError' } }
              : { type: 'LeadDetailsUpdated', position: position + 1n, error: { code: 'PARKED_BEHIND' } }),
          });
        }
        const renamers = handlers.filter((projector) => projector.handles.includes('LeadDetailsUpdated'));
        expect(parked).toHaveLength(handlers.length + renamers.length);
        const health = await runner.health();
        expect(health.healthy).toBe(false);
        for (const projection of health.projections) {
          expect(projection.lag).toBe(0n);
          expect(projection.parked).toBe(parked.filter((entry) => entry.projector === projection.name).length);
        }

        // Retried before the fix: the poison stays parked with one attempt more, the rename waits untried.
        const again = await runner.retryParked();
        expect(again.every((outcome) => !outcome.applied)).toBe(true);
        expect((await listParked(store)).map((entry) => [entry.eventId === POISON_ID, entry.attempts]).sort()).toEqual(
          parked.map((entry) => [entry.eventId === POISON_ID, entry.eventId === POISON_ID ? 2 : 1]).sort(),
        );
        expect(await dumpAll(store, ALL_PROJECTORS)).toEqual(await dumpAll(reference, ALL_PROJECTORS));

        const like = history.find((event) => event.type === 'LeadCreated');
        if (like === undefined) throw new Error('The history creates no lead.');
        const repaired = createProjectionRunner({
          eventStore: poisoned,
          store,
          projectors: fixed(ALL_PROJECTORS, like),
        });
        const outcomes = await repaired.retryParked();
        expect(outcomes.filter((outcome) => !outcome.applied)).toEqual([]);
        expect(await listParked(store)).toEqual([]);
        expect((await repaired.health()).healthy).toBe(true);
        // Applied in their stream's order: the lead was created, then renamed.
        const [board] = await dumpAll(store, [pipelineBoardProjector]);
        expect(board?.['pipeline_board_leads']?.find((row) => row['lead_id'] === FIXED_LEAD)?.['name']).toBe(RENAMED);
      } finally {
        await store.dispose();
      }
    });

    it('refuses to retry an event that is not parked, with a typed error', async () => {
      const store = await factory();
      try {
        const runner = createProjectionRunner({
          eventStore: createMemoryEventStore(),
          store,
          projectors: ALL_PROJECTORS,
        });
        await expect(runner.retryParked({ eventId: POISON_ID })).rejects.toMatchObject({
          code: 'NOT_PARKED',
          field: 'eventId',
        });
      } finally {
        await store.dispose();
      }
    });
  });
}
