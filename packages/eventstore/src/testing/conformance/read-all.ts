// Reading the whole store in global order from an exclusive position, filtered and bounded.
import { describe, expect, it } from '@jest/globals';
import type { EventStore } from '../../port/event-store.js';
import { START } from '../../port/events.js';
import { anEvent, collect } from '../helpers.js';
import type { ConformanceKit } from './kit.js';

async function mixedHistory(store: EventStore): Promise<void> {
  await store.append('lead-1', [anEvent('LeadCreated'), anEvent('NoteLogged')]);
  await store.append('workflow-1', [anEvent('WorkflowCreated')]);
  await store.append('lead-2', [anEvent('LeadCreated')]);
  await store.append('organisation-1', [anEvent('ClaimWindowSet')]);
  await store.append('lead-1', [anEvent('StageChanged')]);
}

const summary = async (events: AsyncIterable<{ streamName: string; type: string }>) =>
  (await collect(events)).map((event) => `${event.streamName}:${event.type}`);

export function describeReadAll({ withStore }: ConformanceKit): void {
  describe('readAll', () => {
    it('reads every event in global order', () =>
      withStore(async (store) => {
        await mixedHistory(store);
        expect(await summary(store.readAll())).toEqual([
          'lead-1:LeadCreated',
          'lead-1:NoteLogged',
          'workflow-1:WorkflowCreated',
          'lead-2:LeadCreated',
          'organisation-1:ClaimWindowSet',
          'lead-1:StageChanged',
        ]);
        expect(await collect(store.readAll({ after: START }))).toEqual(await collect(store.readAll()));
      }));

    it('starts after an exclusive position and stops at maxCount', () =>
      withStore(async (store) => {
        await mixedHistory(store);
        const all = await collect(store.readAll());
        const third = all[2]!.position;
        expect((await collect(store.readAll({ after: third }))).map((event) => event.position)).toEqual(
          all.slice(3).map((event) => event.position),
        );
        expect((await collect(store.readAll({ after: third, maxCount: 2 }))).map((event) => event.position)).toEqual(
          all.slice(3, 5).map((event) => event.position),
        );
        expect(await collect(store.readAll({ after: all[5]!.position }))).toEqual([]);
        expect(await collect(store.readAll({ maxCount: 0 }))).toEqual([]);
      }));

    it('filters by event type, by stream prefix, and by both', () =>
      withStore(async (store) => {
        await mixedHistory(store);
        expect(await summary(store.readAll({ filter: { eventTypes: ['LeadCreated', 'StageChanged'] } }))).toEqual([
          'lead-1:LeadCreated',
          'lead-2:LeadCreated',
          'lead-1:StageChanged',
        ]);
        expect(await summary(store.readAll({ filter: { streamPrefixes: ['workflow-', 'organisation-'] } }))).toEqual([
          'workflow-1:WorkflowCreated',
          'organisation-1:ClaimWindowSet',
        ]);
        expect(
          await summary(store.readAll({ filter: { eventTypes: ['LeadCreated'], streamPrefixes: ['lead-2'] } })),
        ).toEqual(['lead-2:LeadCreated']);
      }));

    it('counts maxCount over the events that pass the filter', () =>
      withStore(async (store) => {
        await mixedHistory(store);
        expect(await summary(store.readAll({ filter: { streamPrefixes: ['lead-'] }, maxCount: 3 }))).toEqual([
          'lead-1:LeadCreated',
          'lead-1:NoteLogged',
          'lead-2:LeadCreated',
        ]);
      }));

    it('streams a large store page by page and lets the reader stop early', () =>
      withStore(async (store) => {
        for (let stream = 0; stream < 20; stream++)
          await store.append(
            `lead-${stream}`,
            Array.from({ length: 60 }, (_, n) => anEvent('Step', { n })),
          );
        let previous = START;
        let seen = 0;
        for await (const event of store.readAll()) {
          expect(event.position > previous).toBe(true);
          previous = event.position;
          if (++seen === 700) break;
        }
        expect(seen).toBe(700);
        const all = await collect(store.readAll());
        expect(all).toHaveLength(1200);
        expect(new Set(all.map((event) => event.eventId)).size).toBe(1200);
      }));
  });
}
