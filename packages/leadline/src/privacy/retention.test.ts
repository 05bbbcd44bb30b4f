// The retention job: lost leads past the policy's months are erased, once, and nothing else is touched.
import { describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, OrgId, UserId, type Actor } from '@leadline/domain';
import { openLeadline } from '../index.js';
import { createManualClock } from '../testing/index.js';
import { monthsBefore } from './retention.js';

const orgId = OrgId('acme');
const admin: Actor = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
const DAY_MS = 24 * 60 * 60 * 1000;

describe('the retention job', () => {
  it('erases leads lost more than the policy months ago, once; recent and open leads keep their data', async () => {
    const clock = createManualClock('2024-01-15T09:00:00Z');
    const leadline = await openLeadline({ storeUrl: 'memory:', clock, timers: clock });
    // The job called by hand; the scheduled worker is tested in workers/retention.
    await leadline.workers.start({ retention: false });
    await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
    const create = async (name: string) =>
      (
        await leadline.leads.create(
          { fields: { name, email: `${name.replace(' ', '.').toLowerCase()}@example.com`, source: 'Referral' } },
          { actor: admin },
        )
      ).leadId;
    const old = await create('Old Lost');
    const open = await create('Still Open');
    await leadline.leads.markLost({ leadId: old, reason: 'No budget' }, { actor: admin });
    await clock.advance(700 * DAY_MS);
    const recent = await create('Recent Lost');
    await leadline.leads.markLost({ leadId: recent, reason: 'No budget' }, { actor: admin });
    await clock.advance(60 * DAY_MS);
    await leadline.workers.settled();

    const first = await leadline.contacts.applyRetention({ lostLeadsAfterMonths: 24 }, { actor: admin });
    expect(first).toEqual({ leadIds: [old], newlyErased: 1, lostLeadsAfterMonths: 24 });
    const second = await leadline.contacts.applyRetention({ lostLeadsAfterMonths: 24 }, { actor: admin });
    expect(second).toEqual({ leadIds: [old], newlyErased: 0, lostLeadsAfterMonths: 24 });
    const names = async (leadId: typeof old) =>
      (await leadline.contacts.export({ leadId }, { actor: admin })).details.name;
    expect([await names(old), await names(recent), await names(open)]).toEqual([
      '[erased]',
      'Recent Lost',
      'Still Open',
    ]);
    const history = (await leadline.contacts.export({ leadId: old }, { actor: admin })).history;
    expect(history.at(-1)).toMatchObject({ type: 'ContactErased', data: { trigger: 'retention' } });
    await expect(leadline.contacts.applyRetention({ lostLeadsAfterMonths: 0 }, { actor: admin })).rejects.toMatchObject(
      { field: 'lostLeadsAfterMonths' },
    );
    await leadline.close();
  });

  it("applies the organisation's stored policy when no months are given, and refuses without one", async () => {
    const clock = createManualClock('2024-01-15T09:00:00Z');
    const leadline = await openLeadline({ storeUrl: 'memory:', clock, timers: clock });
    // The job called by hand; the scheduled worker is tested in workers/retention.
    await leadline.workers.start({ retention: false });
    await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
    const rep: Actor = { ...admin, userId: UserId('rep'), permissions: [] };
    await expect(leadline.contacts.applyRetention({}, { actor: admin })).rejects.toMatchObject({
      field: 'lostLeadsAfterMonths',
      rule: 'policy-set',
    });
    await expect(
      leadline.contacts.setRetentionPolicy({ lostLeadsAfterMonths: 12 }, { actor: rep }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(leadline.contacts.retentionPolicy(rep)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(
      leadline.contacts.setRetentionPolicy({ lostLeadsAfterMonths: 0 }, { actor: admin }),
    ).rejects.toMatchObject({ field: 'lostLeadsAfterMonths' });
    const set = await leadline.contacts.setRetentionPolicy({ lostLeadsAfterMonths: 12 }, { actor: admin });
    expect(set.events.map((event) => [event.type, event.metadata.actorId])).toEqual([['RetentionPolicySet', 'ada']]);
    expect(await leadline.contacts.retentionPolicy(admin)).toEqual({ lostLeadsAfterMonths: 12 });

    const { leadId } = await leadline.leads.create(
      { fields: { name: 'Lost Once', email: 'lost@example.com', source: 'Referral' } },
      { actor: admin },
    );
    await leadline.leads.markLost({ leadId, reason: 'No budget' }, { actor: admin });
    await clock.advance(400 * DAY_MS);
    await leadline.workers.settled();
    expect(await leadline.contacts.applyRetention({}, { actor: admin })).toEqual({
      leadIds: [leadId],
      newlyErased: 1,
      lostLeadsAfterMonths: 12,
    });
    // Months given for one run win over the policy, which stays as it was.
    expect(await leadline.contacts.applyRetention({ lostLeadsAfterMonths: 24 }, { actor: admin })).toMatchObject({
      leadIds: [],
      lostLeadsAfterMonths: 24,
    });
    await leadline.contacts.setRetentionPolicy({ lostLeadsAfterMonths: null }, { actor: admin });
    expect(await leadline.contacts.retentionPolicy(admin)).toEqual({ lostLeadsAfterMonths: null });
    await leadline.close();
  });

  it('counts calendar months, clamping the day to the shorter month', () => {
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), 24).toISOString()).toBe('2024-01-15T00:00:00.000Z');
  });
});
