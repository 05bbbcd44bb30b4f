import { afterEach, describe, expect, it } from '@jest/globals';
import { LeadId, StageId, leadStream, type StageChanged, type WorkflowId } from '@leadline/domain';
import { createMemoryEventStore, type RecordedEvent } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../../leadline.js';
import { createManualClock } from '../../testing/manual-clock.js';
import { ACME, admin, as, manager, rep1 } from '../../e2e/actors.js';

const NOT_CONTACTED = StageId('NOT_CONTACTED');
const CONTACTED = StageId('CONTACTED');
const QUALIFIED = StageId('QUALIFIED');
let opened: Leadline[] = [];
afterEach(async () => {
  await Promise.all(opened.map((leadline) => leadline.close()));
  opened = [];
});

async function setUp(leads: number): Promise<{ leadline: Leadline; ids: LeadId[]; workflowId: WorkflowId }> {
  const store = createMemoryEventStore();
  const clock = createManualClock('2026-01-05T09:00:00.000Z');
  const leadline = createLeadline({
    store,
    readModels: openSqliteReadModelStore({ file: ':memory:' }),
    clock,
    timers: clock,
  });
  opened.push(leadline);
  const org = await leadline.organisations.create({ orgId: ACME, name: 'Acme' }, { actor: admin });
  const ids = Array.from({ length: leads }, (_, index) => LeadId(`lead-${index}`));
  for (const leadId of ids) {
    await leadline.leads.create(
      { leadId, fields: { name: `Lead ${leadId}`, email: `${leadId}@example.com`, source: 'Website' } },
      as(manager),
    );
  }
  return { leadline, ids, workflowId: org.defaultWorkflowId };
}

async function boardByStage(leadline: Leadline): Promise<Record<string, string[]>> {
  await leadline.workers.settled();
  const board = await leadline.queries.pipelineBoard({ viewer: manager });
  return Object.fromEntries(
    (board?.stages ?? []).map((stage) => [stage.stageId, stage.leads.map((lead) => lead.leadId).sort()]),
  );
}

const relocations = (events: readonly RecordedEvent[]): RecordedEvent[] =>
  events.filter((e) => e.type === 'StageChanged' && (e.data as { reason: string | null }).reason === 'stage removed');

describe('removing a stage with a fallback', () => {
  it("moves the stage's leads to the fallback, where the board shows them, and the journey says why", async () => {
    const { leadline, ids, workflowId } = await setUp(3);
    await leadline.workers.start();
    const [stays] = ids;
    await leadline.leads.changeStage({ leadId: ids[2] ?? LeadId('x'), stageId: QUALIFIED }, as(manager));
    await leadline.workflows.removeStage({ workflowId, stageId: NOT_CONTACTED, fallbackStageId: CONTACTED }, as(admin));

    const board = await boardByStage(leadline);
    expect(board).toEqual({ CONTACTED: ['lead-0', 'lead-1'], QUALIFIED: ['lead-2'], CONVERTED: [], LOST: [] });
    const journey = await leadline.queries.journey({ leadId: stays ?? LeadId('x'), viewer: manager });
    expect(journey.map((step) => `${step.actorId}: ${step.summary}`).at(-1)).toBe(
      'system:stage-removal: Moved from NOT_CONTACTED to Contacted: stage removed',
    );
  });

  it('moves leads stored before the worker started (a restart catches up), once each', async () => {
    const { leadline, ids, workflowId } = await setUp(2);
    await leadline.workflows.removeStage({ workflowId, stageId: NOT_CONTACTED, fallbackStageId: CONTACTED }, as(admin));
    await leadline.workers.start();
    expect(await boardByStage(leadline)).toEqual({ CONTACTED: ids, QUALIFIED: [], CONVERTED: [], LOST: [] });
    await leadline.workers.stop();
    await leadline.workers.start();
    await leadline.workers.settled();
    const events: RecordedEvent[] = [];
    for await (const event of leadline.store.readAll()) events.push(event);
    expect(relocations(events).map((e) => (e.data as { leadId: string }).leadId)).toEqual(ids);
  });

  it('follows a chain of removals to the standing stage', async () => {
    const { leadline, ids, workflowId } = await setUp(1);
    await leadline.workflows.removeStage({ workflowId, stageId: NOT_CONTACTED, fallbackStageId: CONTACTED }, as(admin));
    await leadline.workflows.removeStage({ workflowId, stageId: CONTACTED, fallbackStageId: QUALIFIED }, as(admin));
    await leadline.workers.start();
    expect(await boardByStage(leadline)).toEqual({ QUALIFIED: ids, CONVERTED: [], LOST: [] });
  });

  it('leaves deleted leads alone, and a moved pool lead stays in the pool', async () => {
    const { leadline, ids, workflowId } = await setUp(2);
    await leadline.workers.start();
    await leadline.leads.delete({ leadId: ids[0] ?? LeadId('x'), reason: 'Duplicate' }, as(manager));
    await leadline.workflows.removeStage({ workflowId, stageId: NOT_CONTACTED, fallbackStageId: CONTACTED }, as(admin));
    expect(await boardByStage(leadline)).toEqual({ CONTACTED: [ids[1]], QUALIFIED: [], CONVERTED: [], LOST: [] });
    const repBoard = await leadline.queries.pipelineBoard({ viewer: rep1 });
    expect(repBoard?.stages.flatMap((stage) => stage.leads.map((lead) => [lead.leadId, lead.ownerId]))).toEqual([
      [ids[1], null],
    ]);
  });

  it('moves a lead that lands in the removed stage afterwards (a change decided against the old workflow)', async () => {
    const { leadline, ids, workflowId } = await setUp(1);
    const leadId = ids[0] ?? LeadId('x');
    await leadline.leads.changeStage({ leadId, stageId: QUALIFIED }, as(manager));
    await leadline.workers.start();
    await leadline.workflows.removeStage({ workflowId, stageId: CONTACTED, fallbackStageId: NOT_CONTACTED }, as(admin));
    // What a command that loaded the workflow just before the removal appends just after it.
    const late: StageChanged = {
      type: 'StageChanged',
      data: {
        leadId,
        workflowId,
        from: QUALIFIED,
        to: CONTACTED,
        fromName: 'Qualified',
        toName: 'Contacted',
        fromCategory: 'open',
        toCategory: 'open',
        reason: null,
      },
    };
    await leadline.store.append(leadStream(leadId), [
      {
        ...late,
        metadata: {
          orgId: ACME,
          actorId: manager.userId,
          occurredAt: '2026-01-05T09:00:00.000Z',
          correlationId: 'late',
          causationId: 'late',
          schemaVersion: 1,
        },
      },
    ]);
    expect(await boardByStage(leadline)).toEqual({ NOT_CONTACTED: ids, QUALIFIED: [], CONVERTED: [], LOST: [] });
  });
});
