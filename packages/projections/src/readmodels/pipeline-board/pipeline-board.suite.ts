// The pipeline board read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { ClientId, StageId, UserId, type LeadCommand, type LeadId } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { sql } from 'kysely';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { createProjectionRunner } from '../../runner/runner.js';
import { appendHistory } from '../../testing/event-store.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { generateSeededHistory } from '../../testing/history/interpreter.js';
import { seededSteps } from '../../testing/history/steps.js';
import { readModelDb } from '../database.js';
import { managerActor, repActor, workflowIdOf, WORLD_ORGS } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { pipelineBoardProjector } from './projector.js';
import { pipelineBoard } from './queries.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describePipelineBoardQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  const ORG = WORLD_ORGS[0];
  const alice = UserId('alice');
  const bob = UserId('bob');
  const money = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

  function given(): Scenario {
    return new Scenario()
      .on('ada', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: alice,
        fields: {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          company: 'Analytical',
          source: 'Referral',
          estimatedValue: money(50_000),
        },
      }))
      .after(10)
      .on('zoe', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: bob,
        fields: { name: 'Zoë Ålander', email: 'zoe@example.com', source: 'Website', estimatedValue: money(20_000) },
      }))
      .on('pool', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Pool Lead', email: 'pool@example.com', source: 'Website' },
      }))
      .on('ada', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }))
      .on('ada', (leadId) => ({ type: 'ScheduleNextCall', leadId, at: '2026-01-09T10:00:00.000Z' }))
      .on('zoe', (leadId) => ({ type: 'ScheduleNextCall', leadId, at: '2026-01-08T10:00:00.000Z' }))
      .on('zoe', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }))
      .on('pool', (leadId) => ({ type: 'ClaimLead', leadId, claimId: 'claim-1' as never }), repActor(alice))
      .on('zoe', (leadId) => ({ type: 'LinkToClient', leadId, clientId: ClientId('client-z') }));
  }

  const now = new Date('2026-01-05T09:00:00.000Z');

  describe('pipeline board', () => {
    it('given leads worked through stages, then the board lists them per stage, nearest next call first, with counts and sums', async () => {
      const store = await open();
      await prepareLive(store, [pipelineBoardProjector]);
      await feed(store, [pipelineBoardProjector], given().events);
      const board = await pipelineBoard(store, { orgId: ORG, viewer: managerActor, now });
      expect(board?.workflowName).toBe('Sales pipeline');
      expect(board?.stages.map((stage) => [stage.name, stage.count, stage.value])).toEqual([
        ['Not contacted', 1, []],
        ['Contacted', 2, [money(70_000)]],
        ['Qualified', 0, []],
        ['Converted', 0, []],
        ['Lost', 0, []],
      ]);
      expect(board?.stages[1]?.leads.map((lead) => lead.name)).toEqual(['Zoë Ålander', 'Ada Lovelace']);
      expect(board?.stages[0]?.leads[0]).toMatchObject({ name: 'Pool Lead', claimState: 'claimed', claimedBy: alice });
      expect(board?.count).toBe(3);
    });

    it('shows a rep their own leads and their live claims only; a lapsed claim shows as lapsed to a manager', async () => {
      const store = await open();
      await prepareLive(store, [pipelineBoardProjector]);
      await feed(store, [pipelineBoardProjector], given().events);
      const forBob = await pipelineBoard(store, { orgId: ORG, viewer: repActor(bob), now });
      expect(forBob?.stages.flatMap((stage) => stage.leads.map((lead) => lead.name))).toEqual(['Zoë Ålander']);
      const forAlice = await pipelineBoard(store, { orgId: ORG, viewer: repActor(alice), now });
      expect(forAlice?.stages.flatMap((stage) => stage.leads.map((lead) => lead.name))).toEqual([
        'Pool Lead',
        'Ada Lovelace',
      ]);
      const nextWeek = new Date('2026-01-12T09:00:00.000Z');
      const lapsed = await pipelineBoard(store, { orgId: ORG, viewer: managerActor, now: nextWeek });
      expect(lapsed?.stages[0]?.leads[0]?.claimState).toBe('lapsed');
    });

    it('pages its stages in pipeline order, the board still counting them all; refuses a bad page by field', async () => {
      const store = await open();
      await prepareLive(store, [pipelineBoardProjector]);
      await feed(store, [pipelineBoardProjector], given().events);
      const query = { orgId: ORG, viewer: managerActor, now };
      const whole = await pipelineBoard(store, query);
      const first = await pipelineBoard(store, { ...query, stages: { first: 2 } });
      const second = await pipelineBoard(store, {
        ...query,
        stages: { first: 2, after: first?.nextStagesAfter ?? undefined },
      });
      const last = await pipelineBoard(store, { ...query, stages: { after: second?.nextStagesAfter ?? undefined } });
      expect(first?.stages.map((stage) => stage.stageId)).toEqual(['NOT_CONTACTED', 'CONTACTED']);
      expect(first?.nextStagesAfter).toBe('CONTACTED');
      expect(last?.nextStagesAfter).toBeNull();
      expect([first, second, last].flatMap((board) => board?.stages ?? [])).toEqual(whole?.stages);
      expect([first?.count, first?.value]).toEqual([whole?.count, whole?.value]);
      expect(whole).not.toHaveProperty('nextStagesAfter');
      for (const [stages, field, rule] of [
        [{ first: 0 }, 'stages.first', 'integer-1-to-50'],
        [{ first: 51 }, 'stages.first', 'integer-1-to-50'],
        [{ first: 1.5 }, 'stages.first', 'integer-1-to-50'],
        [{ after: StageId('NOPE') }, 'stages.after', 'known-stage'],
      ] as const)
        await expect(pipelineBoard(store, { ...query, stages })).rejects.toMatchObject({ field, rule });
    });

    it('filters by owner, source, stage and accent-insensitive text, and never shows another organisation', async () => {
      const store = await open();
      await prepareLive(store, [pipelineBoardProjector]);
      await feed(store, [pipelineBoardProjector], given().events);
      const names = async (filters: Parameters<typeof pipelineBoard>[1]['filters']) =>
        (await pipelineBoard(store, { orgId: ORG, viewer: managerActor, now, filters }))?.stages.flatMap((stage) =>
          stage.leads.map((lead) => lead.name),
        );
      expect(await names({ ownerId: alice })).toEqual(['Ada Lovelace']);
      expect(await names({ source: 'Website' })).toEqual(['Pool Lead', 'Zoë Ålander']);
      expect(await names({ stageId: StageId('NOT_CONTACTED') })).toEqual(['Pool Lead']);
      expect(await names({ text: 'ZOE' })).toEqual(['Zoë Ålander']);
      expect(await names({ text: 'analyt' })).toEqual(['Ada Lovelace']);
      expect(await names({ clientId: ClientId('client-z') })).toEqual(['Zoë Ålander']);
      expect(await names({ clientId: ClientId('client-none') })).toEqual([]);
      const other = await pipelineBoard(store, { orgId: WORLD_ORGS[1], viewer: managerActor, now });
      expect(other?.count).toBe(0);
    });

    it('is the same with every event delivered twice', async () => {
      const once = await open();
      const twice = await open();
      for (const store of [once, twice]) await prepareLive(store, [pipelineBoardProjector]);
      await feed(once, [pipelineBoardProjector], given().events);
      await feed(twice, [pipelineBoardProjector], given().events, { twice: true, batchSizes: [3] });
      const query = { orgId: ORG, viewer: managerActor, now };
      expect(await pipelineBoard(twice, query)).toEqual(await pipelineBoard(once, query));
    });

    it('keeps per-stage totals equal to counting the active leads, in any batches and with every event twice', async () => {
      const history = generateSeededHistory(2500, seededSteps(11));
      const store = await open();
      await prepareLive(store, [pipelineBoardProjector]);
      await feed(store, [pipelineBoardProjector], history, { twice: true, batchSizes: [1, 7, 200] });
      const db = readModelDb(store);
      const kept = await db
        .selectFrom('pipeline_board_totals')
        .select(['org_id', 'workflow_id', 'stage_id', 'currency', 'owner_id', 'claimed', 'leads', 'value_minor'])
        .where('leads', '>', 0)
        .execute();
      const counted = await db
        .selectFrom('pipeline_board_leads')
        .select((eb) => [
          'org_id',
          'workflow_id',
          'stage_id',
          eb.fn.coalesce('currency', eb.val('')).as('currency'),
          eb.fn.coalesce('owner_id', eb.val('')).as('owner_id'),
          sql<number>`CASE WHEN claimed_by IS NOT NULL AND claim_expires_at IS NOT NULL THEN 1 ELSE 0 END`.as(
            'claimed',
          ),
          // As bigint, which both engines return as numbers (a PostgreSQL sum of bigint is numeric).
          sql<number>`cast(count(*) as bigint)`.as('leads'),
          sql<number>`cast(coalesce(sum(estimated_value_minor), 0) as bigint)`.as('value_minor'),
        ])
        .where('state', '=', 'active')
        .groupBy(['org_id', 'workflow_id', 'stage_id', 'currency', 'owner_id', 'claimed'])
        .execute();
      type Total = {
        org_id: string;
        workflow_id: string;
        stage_id: string;
        currency: string;
        owner_id: string;
        claimed: number;
      };
      const key = (row: Total): string =>
        `${row.org_id}/${row.workflow_id}/${row.stage_id}/${row.currency}/${row.owner_id}/${row.claimed}`;
      const byKey = <T extends Total>(rows: readonly T[]): T[] =>
        [...rows].sort((a, b) => key(a).localeCompare(key(b)));
      expect(counted.length).toBeGreaterThan(5);
      expect(byKey(kept)).toEqual(byKey(counted));
      // The board a manager sees reads those totals; a filter that keeps every lead aggregates: the same counts.
      const query = { orgId: ORG, viewer: managerActor, now: new Date('2026-02-01T00:00:00.000Z'), leadsPerStage: 0 };
      const fromTotals = await pipelineBoard(store, query);
      const sources = await db.selectFrom('pipeline_board_leads').select('source').distinct().execute();
      const perSource = await Promise.all(
        sources.map(({ source }) => pipelineBoard(store, { ...query, filters: { source } })),
      );
      expect(fromTotals?.count).toBe(perSource.reduce((sum, board) => sum + (board?.count ?? 0), 0));
      expect(fromTotals?.count).toBeGreaterThan(0);
    });

    it('given a stage removed and its leads moved out, then they show in the fallback, the same when applied twice', async () => {
      const workflowId = workflowIdOf(ORG, 0);
      const [notContacted, contacted] = [StageId('NOT_CONTACTED'), StageId('CONTACTED')];
      const moveOut = (leadId: LeadId): LeadCommand => ({
        type: 'MoveOutOfRemovedStage',
        leadId,
        stageId: notContacted,
        fallbackStageId: contacted,
      });
      const events = new Scenario()
        .on('ada', (leadId) => ({
          type: 'CreateLead',
          leadId,
          ownerId: alice,
          fields: { name: 'Ada', email: 'a@x.io', source: 'Website' },
        }))
        .on('pool', (leadId) => ({
          type: 'CreateLead',
          leadId,
          fields: { name: 'Pool', email: 'p@x.io', source: 'Website' },
        }))
        .onWorkflow({ type: 'RemoveStage', workflowId, stageId: notContacted, fallbackStageId: contacted })
        .on('ada', moveOut)
        .on('pool', moveOut).events;
      const once = await open();
      const twice = await open();
      for (const store of [once, twice]) await prepareLive(store, [pipelineBoardProjector]);
      await feed(once, [pipelineBoardProjector], events);
      await feed(twice, [pipelineBoardProjector], events, { twice: true, batchSizes: [2] });
      const query = { orgId: ORG, viewer: managerActor, now };
      const board = await pipelineBoard(once, query);
      expect(board?.stages.map((stage) => [stage.name, stage.leads.map((lead) => lead.name)])).toEqual([
        ['Contacted', ['Ada', 'Pool']],
        ['Qualified', []],
        ['Converted', []],
        ['Lost', []],
      ]);
      expect(board?.count).toBe(2);
      expect(await pipelineBoard(twice, query)).toEqual(board);
    });

    it('is kept by the runner from an event store, then follows live events', async () => {
      const events = createMemoryEventStore();
      const store = await open();
      const scenario = given();
      await appendHistory(events, scenario.events);
      const runner = createProjectionRunner({
        eventStore: events,
        store,
        projectors: [pipelineBoardProjector],
        batchSize: 2,
      });
      const caughtUp = await runner.catchUp();
      expect(caughtUp.position).toBe(BigInt(scenario.events.length));
      await runner.start();
      scenario.on('late', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Late Lead', email: 'late@example.com', source: 'Email' },
      }));
      await appendHistory(events, scenario.events.slice(-1));
      await runner.waitForPosition(BigInt(scenario.events.length));
      const board = await pipelineBoard(store, { orgId: ORG, viewer: managerActor, now });
      expect(board?.count).toBe(4);
      await runner.stop();
      await events.dispose();
    });
  });
}
