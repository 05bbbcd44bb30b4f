// Each authorisation leak issue #14 found, as a test that failed before the Actor carried its
// organisation and one domain module decided what an actor may do and see.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, JourneyStepId, LeadId, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../leadline.js';
import { createManualClock } from '../testing/manual-clock.js';

const ACME = OrgId('acme');
const GLOBEX = OrgId('globex');
const person = (userId: string, permissions: readonly Permission[], orgId: OrgId = ACME): Actor => ({
  userId: UserId(userId),
  orgId,
  kind: 'user',
  permissions,
});
const admin = person('ada-admin', ALL_PERMISSIONS);
const rival = person('gil-globex', ALL_PERMISSIONS, GLOBEX);
/** May create, see and work leads, but not manage them (claim, assign): does not see the pool. */
const creator = person('cora-creator', [Permission.CreateLeads, Permission.ViewLeads, Permission.EditLeads]);
const rep = person('rob-rep', [
  Permission.CreateLeads,
  Permission.ViewLeads,
  Permission.EditLeads,
  Permission.ManageLeads,
]);
const otherRep = person('rita-rep', [
  Permission.CreateLeads,
  Permission.ViewLeads,
  Permission.EditLeads,
  Permission.ManageLeads,
]);

describe('authorisation in one place', () => {
  let leadline: Leadline;
  afterEach(async () => leadline.close());

  const open = async (): Promise<Leadline> => {
    const clock = createManualClock();
    leadline = createLeadline({
      store: createMemoryEventStore(),
      readModels: openSqliteReadModelStore({ file: ':memory:' }),
      clock,
    });
    await leadline.organisations.create({ name: 'Acme' }, { actor: admin });
    await leadline.organisations.create({ name: 'Globex' }, { actor: rival });
    await leadline.workers.start();
    return leadline;
  };

  it('lets a creator without Manage Leads see and work the lead they just created', async () => {
    const leadline = await open();
    const created = await leadline.leads.create(
      { fields: { name: 'Ada', email: 'ada@example.com', source: 'Website' } },
      { actor: creator },
    );
    expect(created.outcome).toBe('created');
    // Before: the lead went to the pool, which the creator cannot see, and notes were refused with
    // "owned or claimed by someone else".
    await leadline.leads.logNote({ leadId: created.leadId, text: 'Called back' }, { actor: creator });
    await leadline.workers.settled();
    const hits = await leadline.queries.searchLeads({ viewer: creator, name: 'Ada' });
    expect(hits.items.map((hit) => hit.leadId)).toEqual([created.leadId]);
  });

  it('tells a user who may not see the matching lead only that a duplicate exists', async () => {
    const leadline = await open();
    await leadline.leads.create(
      {
        leadId: LeadId('ritas'),
        ownerId: otherRep.userId,
        fields: { name: 'Secret Co', email: 'boss@secret.example', source: 'Website' },
      },
      { actor: otherRep },
    );
    const answer = await leadline.leads.create(
      { fields: { name: 'Again', email: 'boss@secret.example', source: 'Website' } },
      { actor: rep },
    );
    expect(answer.outcome).toBe('duplicates');
    expect(answer.outcome === 'duplicates' && answer.candidates).toEqual([
      {
        leadId: 'ritas',
        matchedOn: ['email'],
        pending: false,
        detailsHidden: true,
        name: null,
        email: null,
        phone: null,
        company: null,
        ownerId: null,
      },
    ]);
    const seenByAdmin = await leadline.intake.findDuplicates({ email: 'boss@secret.example' }, { actor: admin });
    expect(seenByAdmin[0]).toMatchObject({ name: 'Secret Co', ownerId: 'rita-rep', detailsHidden: false });
  });

  it('refuses a journey step id used before with other content, and takes the same step again as a retry', async () => {
    const leadline = await open();
    const { leadId } = await leadline.leads.create(
      { fields: { name: 'Ada', source: 'Website', email: 'a@b.example' } },
      { actor: admin },
    );
    const stepId = JourneyStepId('webinar-1');
    await leadline.leads.recordJourneyStep({ leadId, stepId, label: 'Webinar' }, { actor: admin });
    const again = await leadline.leads.recordJourneyStep({ leadId, stepId, label: 'Webinar' }, { actor: admin });
    expect(again.events).toEqual([]);
    await expect(
      leadline.leads.recordJourneyStep({ leadId, stepId, label: 'Something else' }, { actor: admin }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS', field: 'stepId', rule: 'unique-step-id' });
  });

  it('reads nothing of another organisation: workflow, organisation, rules, leads', async () => {
    const leadline = await open();
    const globexOrg = await leadline.organisations.get(rival);
    const globexWorkflow = globexOrg?.defaultWorkflowId;
    if (globexWorkflow === undefined || globexWorkflow === null) throw new Error('Globex has no default workflow');
    await leadline.intake.rules.set([{ ruleId: 'all-to-gil', assign: { to: UserId('gil-globex') } }], {
      actor: rival,
    });
    const { leadId } = await leadline.leads.create(
      { fields: { name: 'Globex Lead', email: 'x@globex.example', source: 'Website' } },
      { actor: rival },
    );
    await leadline.workers.settled();

    expect(await leadline.workflows.get(globexWorkflow, admin)).toBeNull();
    expect((await leadline.organisations.get(admin))?.orgId).toBe(ACME);
    expect(await leadline.intake.rules.get(admin)).toEqual([]);
    expect(await leadline.intake.rules.get(rival)).toHaveLength(1);
    expect(await leadline.queries.journey({ leadId, viewer: admin })).toEqual([]);
    expect((await leadline.queries.searchLeads({ viewer: admin, name: 'Globex' })).items).toEqual([]);
    expect(await leadline.queries.pipelineBoard({ viewer: admin, workflowId: globexWorkflow })).toBeNull();
    await expect(leadline.leads.logNote({ leadId, text: 'peek' }, { actor: admin })).rejects.toMatchObject({
      code: 'WRONG_ORGANISATION',
    });
    expect((await leadline.queries.journey({ leadId, viewer: rival })).length).toBeGreaterThan(0);
  });

  it('refuses organisation-wide figures to a viewer without View All Leads', async () => {
    const leadline = await open();
    await expect(leadline.queries.sourceAnalytics({ viewer: rep, period: 'week' })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      rule: 'view-all-leads',
    });
    await expect(leadline.queries.sourceAnalytics({ viewer: admin, period: 'week' })).resolves.toEqual([]);
  });
});
