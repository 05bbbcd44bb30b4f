// The stage transitions read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import type { LeadCommand, LeadId } from '@leadline/domain';
import { ClientId, StageId } from '@leadline/domain';
import type { RecordedEvent } from '@leadline/eventstore';
import fc from 'fast-check';
import type { ReadModelReader } from '../../store/port.js';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { generateHistory, generateSeededHistory } from '../../testing/history/interpreter.js';
import { historyStepsArbitrary, seededSteps } from '../../testing/history/steps.js';
import { WORLD_ORGS, workflowIdOf } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { readModelDb } from '../database.js';
import { addDurations, parseDurationBuckets } from '../shared/duration-buckets.js';
import { stageTransitionsProjector } from './projector.js';
import { stageFunnel, stagePaths } from './queries.js';

interface Counters {
  leads: number;
  entries: number;
  reEntries: number;
  current: number;
  progressed: number;
  durationSumMs: number;
  durations: number[];
}

/** The kept funnel counters, by organisation, workflow and stage (durations as bucket entries). */
async function keptFunnel(reader: ReadModelReader): Promise<Record<string, unknown>> {
  const rows = await readModelDb(reader).selectFrom('stage_transitions_funnel').selectAll().execute();
  return Object.fromEntries(
    rows
      .filter((row) => row.entries > 0 || row.progressed > 0)
      .map((row) => [
        `${row.org_id}/${row.workflow_id}/${row.stage_id}`,
        {
          leads: row.leads,
          entries: row.entries,
          reEntries: row.re_entries,
          current: row.current,
          progressed: row.progressed,
          durationSumMs: row.duration_sum_ms,
          durationCount: row.duration_count,
          buckets: [...parseDurationBuckets(row.duration_buckets)],
        },
      ]),
  );
}

/**
 * The same counters recounted from the per-lead rows: the visits, and for progressed each lead's
 * progressed stages; with `orderNow`, progressed is recounted from the visits by today's stage order
 * instead (the funnel's definition before counters, the same when no stage was reordered or removed).
 */
async function recountedFunnel(reader: ReadModelReader, orderNow = false): Promise<Record<string, unknown>> {
  const db = readModelDb(reader);
  const visits = await db
    .selectFrom('stage_transitions_visits')
    .selectAll()
    .orderBy('lead_id')
    .orderBy('visit')
    .execute();
  const leads = await db.selectFrom('stage_transitions_leads').selectAll().execute();
  const stages = await db.selectFrom('stage_transitions_stages').selectAll().execute();
  const stage = (workflowId: string, stageId: string) =>
    stages.find((row) => row.workflow_id === workflowId && row.stage_id === stageId);
  const counters = new Map<string, Counters>();
  const at = (key: string): Counters => {
    const found = counters.get(key) ?? {
      leads: 0,
      entries: 0,
      reEntries: 0,
      current: 0,
      progressed: 0,
      durationSumMs: 0,
      durations: [],
    };
    counters.set(key, found);
    return found;
  };
  for (const visit of visits) {
    const counter = at(`${visit.org_id}/${visit.workflow_id}/${visit.stage_id}`);
    counter.entries += 1;
    if (visit.entry_number === 1) counter.leads += 1;
    else counter.reEntries += 1;
    if (visit.exited_at === null) counter.current += 1;
    if (visit.duration_ms !== null) {
      counter.durationSumMs += visit.duration_ms;
      counter.durations.push(visit.duration_ms);
    }
  }
  if (orderNow) {
    for (const visit of visits.filter((row) => row.entry_number === 1)) {
      const here = stage(visit.workflow_id, visit.stage_id)?.stage_order ?? null;
      const progressed = visits.some((later) => {
        const there = stage(later.workflow_id, later.stage_id);
        return (
          later.lead_id === visit.lead_id &&
          later.visit > visit.visit &&
          there !== undefined &&
          there.category !== 'lost' &&
          here !== null &&
          there.stage_order !== null &&
          there.stage_order > here
        );
      });
      if (progressed) at(`${visit.org_id}/${visit.workflow_id}/${visit.stage_id}`).progressed += 1;
    }
  } else {
    for (const lead of leads)
      for (const stageId of JSON.parse(lead.progressed_stage_ids) as string[])
        at(`${lead.org_id}/${lead.workflow_id}/${stageId}`).progressed += 1;
  }
  return Object.fromEntries(
    [...counters].map(([key, { durations, ...counter }]) => [
      key,
      {
        ...counter,
        durationCount: durations.length,
        buckets: [...parseDurationBuckets(addDurations(null, durations, 1))],
      },
    ]),
  );
}

const reordersStages = (events: readonly RecordedEvent[]): boolean =>
  events.some((event) => event.type === 'WorkflowStagesReordered' || event.type === 'WorkflowStageRemoved');

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeStageTransitionsQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  const ORG = WORLD_ORGS[0];
  const HOUR_MS = 3_600_000;
  const create =
    (name: string) =>
    (leadId: LeadId): LeadCommand => ({
      type: 'CreateLead',
      leadId,
      fields: { name, email: `${name}@example.com`, source: 'Website' },
    });
  const to =
    (stage: string) =>
    (leadId: LeadId): LeadCommand => ({ type: 'ChangeStage', leadId, stageId: StageId(stage) });

  async function given() {
    const scenario = new Scenario()
      .on('a', create('a'))
      .on('b', create('b'))
      .on('c', create('c'))
      .after(60)
      .on('a', to('CONTACTED'))
      .on('b', to('CONTACTED'))
      .on('c', to('CONTACTED'))
      .after(60)
      .on('a', to('QUALIFIED'))
      .on('b', to('NOT_CONTACTED'))
      .after(60)
      .on('b', to('CONTACTED'))
      .on('c', (leadId) => ({ type: 'MarkLeadLost', leadId, reason: 'No budget' }))
      .after(60)
      .on('a', (leadId) => ({ type: 'ConvertToClient', leadId, clientId: ClientId('client-a'), mode: 'new' }));
    const store = await open();
    await prepareLive(store, [stageTransitionsProjector]);
    await feed(store, [stageTransitionsProjector], scenario.events, { batchSizes: [4] });
    return store;
  }

  describe('stage transitions', () => {
    it('gives the funnel: leads, entries, re-entries, stage-to-stage conversion and time in stage', async () => {
      const funnel = await stageFunnel(await given(), { orgId: ORG, workflowId: workflowIdOf(ORG, 0) });
      expect(
        funnel.map((stage) => [
          stage.name,
          stage.leads,
          stage.entries,
          stage.reEntries,
          stage.current,
          stage.progressed,
        ]),
      ).toEqual([
        ['Not contacted', 3, 4, 1, 0, 3],
        ['Contacted', 3, 4, 1, 1, 1],
        ['Qualified', 1, 1, 0, 0, 1],
        ['Converted', 1, 1, 0, 1, 0],
        ['Lost', 1, 1, 0, 1, 0],
      ]);
      expect(funnel[1]?.conversionToNext).toBeCloseTo(1 / 3);
      expect(funnel[2]).toMatchObject({ meanTimeInStageMs: 2 * HOUR_MS, medianTimeInStageMs: 2 * HOUR_MS });
    });

    it('keeps funnel counters equal to recounting the visits, after any history, in any batches, every event twice or not', async () => {
      await fc.assert(
        fc.asyncProperty(
          historyStepsArbitrary(60),
          fc.constantFrom([1], [3, 17], [500]),
          fc.boolean(),
          fc.constantFrom('rare', 'often'),
          async (steps, batchSizes, twice, workflowChanges) => {
            const store = await open();
            await prepareLive(store, [stageTransitionsProjector]);
            const history = generateHistory(steps, workflowChanges);
            await feed(store, [stageTransitionsProjector], history, { batchSizes, twice });
            const kept = await keptFunnel(store);
            expect(kept).toEqual(await recountedFunnel(store));
            if (!reordersStages(history)) expect(kept).toEqual(await recountedFunnel(store, true));
          },
        ),
        { numRuns: 5 },
      );
      const store = await open();
      await prepareLive(store, [stageTransitionsProjector]);
      const history = generateSeededHistory(2500, seededSteps(15));
      await feed(store, [stageTransitionsProjector], history, { batchSizes: [7, 300], twice: true });
      const kept = await keptFunnel(store);
      expect(
        Object.values(kept).filter((row) => (row as { progressed: number }).progressed > 1).length,
      ).toBeGreaterThan(1);
      expect(kept).toEqual(await recountedFunnel(store));
      if (!reordersStages(history)) expect(kept).toEqual(await recountedFunnel(store, true));
    });

    it('counts a lead as progressed from a stage by the pipeline order when it moved, not as reordered later', async () => {
      const workflowId = workflowIdOf(ORG, 0);
      const scenario = new Scenario()
        .on('a', create('a'))
        .after(60)
        .on('a', to('CONTACTED'))
        .onWorkflow({
          type: 'ReorderStages',
          workflowId,
          order: ['CONTACTED', 'NOT_CONTACTED', 'QUALIFIED', 'CONVERTED', 'LOST'].map(StageId),
        });
      const store = await open();
      await prepareLive(store, [stageTransitionsProjector]);
      await feed(store, [stageTransitionsProjector], scenario.events);
      const funnel = await stageFunnel(store, { orgId: ORG, workflowId });
      expect(funnel.map((stage) => [stage.stageId, stage.progressed])).toEqual([
        ['CONTACTED', 0],
        ['NOT_CONTACTED', 1],
        ['QUALIFIED', 0],
        ['CONVERTED', 0],
        ['LOST', 0],
      ]);
    });

    it('lists the most common paths of converted and of lost leads with their durations', async () => {
      const store = await given();
      expect(await stagePaths(store, { orgId: ORG, outcome: 'converted' })).toEqual([
        {
          path: ['Not contacted', 'Contacted', 'Qualified', 'Converted'],
          leads: 1,
          meanDurationMs: 4 * HOUR_MS,
          medianDurationMs: 4 * HOUR_MS,
        },
      ]);
      expect(await stagePaths(store, { orgId: ORG, outcome: 'lost' })).toEqual([
        {
          path: ['Not contacted', 'Contacted', 'Lost'],
          leads: 1,
          meanDurationMs: 3 * HOUR_MS,
          medianDurationMs: 3 * HOUR_MS,
        },
      ]);
    });
  });
}
