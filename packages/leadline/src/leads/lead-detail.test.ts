// leads.get and leads.markRead driven as an application would: a manager hands a lead to a rep, who
// sees it unread until she opens it, and unread again once someone else changes it.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, LeadId, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../leadline.js';
import { createManualClock } from '../testing/manual-clock.js';

const ACME = OrgId('acme');
const person = (userId: string, permissions: readonly Permission[], orgId: OrgId = ACME): Actor => ({
  userId: UserId(userId),
  orgId,
  kind: 'user',
  permissions,
});
const manager = person('mia-manager', ALL_PERMISSIONS);
const rival = person('gil-globex', ALL_PERMISSIONS, OrgId('globex'));
const rep = (userId: string) =>
  person(userId, [Permission.CreateLeads, Permission.ViewLeads, Permission.EditLeads, Permission.ManageLeads]);
const alice = rep('alice');
const bob = rep('bob');

describe('the lead detail and unread', () => {
  let leadline: Leadline;
  afterEach(async () => leadline.close());

  const open = async (): Promise<Leadline> => {
    leadline = createLeadline({
      store: createMemoryEventStore(),
      readModels: openSqliteReadModelStore({ file: ':memory:' }),
      clock: createManualClock(),
    });
    await leadline.organisations.create({ name: 'Acme' }, { actor: manager });
    await leadline.organisations.create({ name: 'Globex' }, { actor: rival });
    await leadline.workers.start();
    return leadline;
  };
  const handedToAlice = async () => {
    const { leadId } = await leadline.leads.create(
      {
        ownerId: alice.userId,
        fields: {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          phone: '+44 20 7946 0958',
          company: 'Engines Ltd',
          source: 'Referral',
          rating: 'warm',
          estimatedValue: { amountMinor: 120_000, currency: 'GBP' },
          expectedSaleDate: '2027-02-01',
        },
      },
      { actor: manager },
    );
    await leadline.leads.logNote({ leadId, text: 'Wants a demo', outcome: 'CONNECTED' }, { actor: manager });
    await leadline.workers.settled();
    return leadId;
  };

  it('reads every field of a lead the viewer may see', async () => {
    await open();
    const leadId = await handedToAlice();
    const detail = await leadline.leads.get({ viewer: alice, leadId });
    expect(detail).toMatchObject({
      leadId,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+442079460958',
      company: 'Engines Ltd',
      rating: 'warm',
      estimatedValue: { amountMinor: 120_000, currency: 'GBP' },
      expectedSaleDate: '2027-02-01',
      ownerId: 'alice',
      role: 'Lead',
      stage: { name: 'Not contacted', category: 'open' },
      workflow: { name: 'Sales pipeline' },
      latestNotes: [{ text: 'Wants a demo', outcome: 'CONNECTED', loggedBy: 'mia-manager' }],
      journeyHead: { seq: 2, kind: 'NoteLogged' },
    });
  });

  it('is unread for its owner until she opens it, and unread again when someone else changes it', async () => {
    await open();
    const leadId = await handedToAlice();
    expect((await leadline.leads.get({ viewer: alice, leadId }))?.unread).toBe(true);
    // Reading does not mark read: the application calls markRead when the page opens.
    expect((await leadline.leads.get({ viewer: alice, leadId }))?.unread).toBe(true);
    await leadline.leads.markRead({ leadId }, { actor: alice });
    await leadline.workers.settled();
    expect((await leadline.leads.get({ viewer: alice, leadId }))?.unread).toBe(false);
    await leadline.leads.update({ leadId, fields: { company: 'Alice edits' } }, { actor: alice });
    await leadline.workers.settled();
    expect((await leadline.leads.get({ viewer: alice, leadId }))?.unread).toBe(false);
    await leadline.leads.scheduleNextCall({ leadId, at: '2099-01-01T09:00:00Z' }, { actor: manager });
    await leadline.workers.settled();
    expect((await leadline.leads.get({ viewer: alice, leadId }))?.unread).toBe(true);
    // Opening twice in a row records one LeadOpened.
    const first = await leadline.leads.markRead({ leadId }, { actor: alice });
    const second = await leadline.leads.markRead({ leadId }, { actor: alice });
    expect([first.events.length, second.events.length]).toEqual([1, 0]);
  });

  it("gives nothing of a lead the viewer may not see, or of another organisation's", async () => {
    await open();
    const leadId = await handedToAlice();
    expect(await leadline.leads.get({ viewer: bob, leadId })).toBeNull();
    expect(await leadline.leads.get({ viewer: rival, leadId })).toBeNull();
    expect(await leadline.leads.get({ viewer: manager, leadId: LeadId('no-such-lead') })).toBeNull();
    await expect(leadline.leads.markRead({ leadId }, { actor: bob })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    await expect(leadline.leads.markRead({ leadId }, { actor: rival })).rejects.toMatchObject({
      code: 'WRONG_ORGANISATION',
    });
  });

  it('refuses bad input naming the field', async () => {
    await open();
    await expect(leadline.leads.get({ viewer: alice, leadId: '' as LeadId })).rejects.toMatchObject({
      field: 'leadId',
    });
    await expect(leadline.leads.get({ viewer: alice, leadId: LeadId('x'), notes: -1 })).rejects.toMatchObject({
      field: 'notes',
    });
    await expect(
      leadline.leads.markRead({ leadId: LeadId('x'), extra: 1 } as never, { actor: alice }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
