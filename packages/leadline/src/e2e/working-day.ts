// A scripted working day, run the same on every store: create, claim, lapse, reclaim, take ownership,
// qualify, convert, lose, reopen and transfer in bulk, then checked through the read models.
import { expect } from '@jest/globals';
import { ClientId, LeadId, StageId, type LeadId as LeadIdType } from '@leadline/domain';
import type { Leadline } from '../leadline.js';
import type { ManualClock } from '../testing/manual-clock.js';
import { ACME, admin, as, manager, rep1, rep2, viewer } from './actors.js';

const HOUR = 60 * 60 * 1000;

async function streamTypes(leadline: Leadline, leadId: LeadIdType): Promise<string[]> {
  const types: string[] = [];
  for await (const event of leadline.store.readStream(`lead-${leadId}`)) types.push(event.type);
  return types;
}

export async function runWorkingDay(leadline: Leadline, clock: ManualClock): Promise<void> {
  const org = await leadline.organisations.create(
    { orgId: ACME, name: 'Acme', settings: { claimWindowMs: HOUR } },
    { actor: admin, idempotencyKey: 'setup' },
  );
  // Automations: one reactor fails on every delivery for Bravo, another keeps a loss report.
  const synced: string[] = [];
  leadline.automations.on(
    ['StageChanged', 'LeadAssigned'],
    (event) => {
      if (event.data.leadId === 'bravo') throw new Error('CRM rejected bravo');
      synced.push(`${event.data.leadId}:${event.type}`);
    },
    { name: 'crm-sync', maxAttempts: 3, backoff: { baseDelayMs: 0, maxDelayMs: 0 } },
  );
  const lossReasons: string[] = [];
  leadline.automations.on(
    'StageChanged',
    (event) => {
      if (event.data.toCategory === 'lost') lossReasons.push(`${event.data.leadId}: ${event.data.reason ?? ''}`);
    },
    { name: 'loss-report' },
  );
  await leadline.workers.start();

  const alpha = LeadId('alpha');
  const bravo = LeadId('bravo');
  const charlie = LeadId('charlie');
  await leadline.leads.create(
    { leadId: alpha, fields: { name: 'Alpha Ltd', email: 'Buyer@Alpha.example', source: 'Website' } },
    as(manager),
  );
  await leadline.leads.create(
    { leadId: bravo, fields: { name: 'Bravo GmbH', phone: '+49 30 1234567', source: 'Referral' } },
    as(manager),
  );
  await leadline.leads.create(
    { leadId: charlie, fields: { name: 'Charlie SA', email: 'info@charlie.example', source: 'Website' } },
    as(rep1),
  );

  // 09:10 Rob claims Alpha and lets it lapse; the worker expires it at 10:10, Rita claims it after.
  await clock.advance(10 * 60 * 1000);
  const robsClaim = await leadline.leads.claim({ leadId: alpha }, as(rep1));
  await leadline.workers.settled();
  expect(leadline.workers.claimExpiry.nextExpiry()?.toISOString()).toBe('2026-01-05T10:10:00.000Z');
  await clock.advance(HOUR);
  await leadline.workers.settled();
  expect(await streamTypes(leadline, alpha)).toEqual(['LeadCreated', 'LeadClaimed', 'ClaimExpired']);
  await clock.advance(20 * 60 * 1000);
  await expect(leadline.leads.release({ leadId: alpha }, as(rep1))).rejects.toMatchObject({ code: 'NOT_CLAIMED' });
  await leadline.leads.claim({ leadId: alpha }, as(rep2));
  await expect(leadline.leads.claim({ leadId: alpha }, as(rep1))).rejects.toMatchObject({ code: 'CLAIM_HELD' });
  await leadline.leads.takeOwnership({ leadId: alpha }, as(rep2));

  // Rita qualifies and converts Alpha.
  await leadline.leads.changeStage({ leadId: alpha, stageId: StageId('CONTACTED') }, as(rep2));
  await leadline.leads.changeStage({ leadId: alpha, stageId: StageId('QUALIFIED') }, as(rep2));
  await leadline.leads.convert({ leadId: alpha, clientId: ClientId('client-alpha'), mode: 'new' }, as(rep2));

  // Rob takes Bravo, loses it; the manager reopens it.
  await leadline.leads.claim({ leadId: bravo }, as(rep1));
  await leadline.leads.takeOwnership({ leadId: bravo }, as(rep1));
  await leadline.leads.markLost({ leadId: bravo, reason: 'No budget this year' }, as(rep1));
  await leadline.leads.reopen({ leadId: bravo, reason: 'Budget found after all' }, as(manager));

  // End of day: the manager hands Bravo and Charlie to Rita; a viewer may not delete anything.
  const transfer = await leadline.leads.bulkTransfer(
    [bravo, charlie, LeadId('nobody')],
    { to: 'user', userId: rep2.userId },
    as(manager),
  );
  expect(transfer.results).toEqual([
    { leadId: bravo, status: 'done', changed: true },
    { leadId: charlie, status: 'done', changed: true },
    { leadId: 'nobody', status: 'not-found', reason: expect.any(String) },
  ]);
  const deletion = await leadline.leads.bulkDelete([alpha, bravo], as(viewer));
  expect(deletion.refused).toBe(2);
  expect(deletion.results[0]).toMatchObject({ status: 'refused', code: 'PERMISSION_DENIED' });

  await leadline.workers.settled();
  expect(lossReasons).toEqual(['bravo: No budget this year']);
  expect(synced).toEqual([
    'alpha:LeadAssigned',
    'alpha:StageChanged',
    'alpha:StageChanged',
    'alpha:StageChanged',
    'charlie:LeadAssigned',
  ]);
  const parked = await leadline.automations.parked('crm-sync');
  expect(parked.map((entry) => [entry.event.type, entry.attempts, entry.error.message])).toEqual([
    ['LeadAssigned', 3, 'CRM rejected bravo'],
    ['StageChanged', 3, 'CRM rejected bravo'],
    ['StageChanged', 3, 'CRM rejected bravo'],
    ['LeadAssigned', 3, 'CRM rejected bravo'],
  ]);
  expect(robsClaim.events.map((event) => event.type)).toEqual(['LeadClaimed']);
  expect(await streamTypes(leadline, alpha)).toEqual([
    'LeadCreated',
    'LeadClaimed',
    'ClaimExpired',
    'LeadClaimed',
    'ClaimReleased',
    'LeadAssigned',
    'StageChanged',
    'StageChanged',
    'StageChanged',
    'RolePromoted',
    'ConvertedToClient',
  ]);
  expect(await streamTypes(leadline, bravo)).toEqual([
    'LeadCreated',
    'LeadClaimed',
    'ClaimReleased',
    'LeadAssigned',
    'StageChanged',
    'StageChanged',
    'LeadAssigned',
  ]);
  expect(await streamTypes(leadline, charlie)).toEqual(['LeadCreated', 'LeadAssigned']);
  const expired = [];
  for await (const event of leadline.store.readStream(`lead-${alpha}`))
    if (event.type === 'ClaimExpired') expired.push(event);
  expect(expired[0]?.metadata).toMatchObject({
    actorId: 'system:claim-expiry',
    orgId: 'acme',
    occurredAt: '2026-01-05T10:10:00.000Z',
    causationId: robsClaim.events[0]?.eventId,
    correlationId: robsClaim.events[0]?.metadata.correlationId,
  });

  const board = await leadline.queries.pipelineBoard({ viewer: manager });
  const byStage = Object.fromEntries(
    (board?.stages ?? []).map((stage) => [
      stage.stageId,
      stage.leads.map((lead) => `${lead.leadId}:${lead.ownerId ?? '-'}`),
    ]),
  );
  expect(byStage).toEqual({
    NOT_CONTACTED: expect.arrayContaining(['bravo:rita-rep', 'charlie:rita-rep']),
    CONTACTED: [],
    QUALIFIED: [],
    CONVERTED: ['alpha:rita-rep'],
    LOST: [],
  });
  const robsBoard = await leadline.queries.pipelineBoard({ viewer: rep1 });
  expect((robsBoard?.stages ?? []).flatMap((stage) => stage.leads)).toEqual([]);
  expect(org.defaultWorkflowId).toBe(board?.workflowId);

  const journey = await leadline.queries.journey({ leadId: alpha, viewer: manager });
  expect(journey.map((step) => `${step.actorId}: ${step.summary}`)).toEqual([
    'mia-manager: Created "Alpha Ltd" from Website, in the pool',
    'rob-rep: Claimed by rob-rep until 2026-01-05 10:10 UTC',
    'system:claim-expiry: Claim by rob-rep expired at 2026-01-05 10:10 UTC',
    'rita-rep: Claimed by rita-rep until 2026-01-05 11:30 UTC',
    'rita-rep: Claim by rita-rep released',
    'rita-rep: rita-rep took ownership',
    'rita-rep: Moved from Not contacted to Contacted',
    'rita-rep: Moved from Contacted to Qualified',
    'rita-rep: Won: moved from Qualified to Converted',
    'rita-rep: Promoted from Lead to Client',
    'rita-rep: Converted into new client client-alpha',
  ]);
  expect(await leadline.queries.journey({ leadId: alpha, viewer: rep1 })).toEqual([]);
  expect(await leadline.queries.verifyJourney({ leadId: alpha, viewer: manager })).toMatchObject({
    ok: true,
  });
  expect((await leadline.queries.searchLeads({ viewer: rep2, name: 'bra' })).items.map((hit) => hit.leadId)).toEqual([
    'bravo',
  ]);
  expect((await leadline.queries.searchLeads({ viewer: rep1, name: 'bra' })).items).toEqual([]);
  expect((await leadline.queries.claimPool({ viewer: rep1 })).items).toEqual([]);
  const funnel = await leadline.queries.stageFunnel({
    workflowId: org.defaultWorkflowId,
    viewer: manager,
  });
  expect(funnel.map((stage) => [stage.stageId, stage.leads, stage.current])).toEqual([
    ['NOT_CONTACTED', 3, 2],
    ['CONTACTED', 1, 0],
    ['QUALIFIED', 1, 0],
    ['CONVERTED', 1, 1],
    ['LOST', 1, 0],
  ]);
  await expect(leadline.queries.stageFunnel({ workflowId: org.defaultWorkflowId, viewer: rep1 })).rejects.toMatchObject(
    { code: 'PERMISSION_DENIED' },
  );
  const sources = await leadline.queries.sourceAnalytics({ period: 'day', viewer: manager });
  expect(sources.map((row) => [row.source, row.created, row.converted])).toEqual([
    ['Referral', 1, 0],
    ['Website', 2, 1],
  ]);
}
