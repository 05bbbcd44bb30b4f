import { expect, it } from '@jest/globals';
import { LeadId, leadStream, UserId, type LeadAssigned } from '@leadline/domain';
import { createLeadline } from '../../leadline.js';
import { acting, allEvents, clerk, openWithOrganisation, owner } from '../test-support/setup.js';
import { describeOnStores } from '../test-support/stores.js';
import type { AssignmentRule } from './rules.js';

const [ana, ben, cat, dan] = ['ana', 'ben', 'cat', 'dan'].map(UserId) as [UserId, UserId, UserId, UserId];
const RULES: readonly AssignmentRule[] = [
  { ruleId: 'referrals', when: { sources: ['referral'] }, assign: { to: ana } },
  {
    ruleId: 'big-retail',
    when: { company: '(plc|group)$', customFields: { industry: ['Retail', 'Health'] } },
    assign: { to: ben },
  },
  {
    ruleId: 'night',
    when: { timeOfDay: { from: '22:00', to: '07:00', timeZone: 'Europe/London' } },
    assign: { to: dan },
    capacity: { max: 1, per: 'day' },
  },
  { ruleId: 'team', assign: { roundRobin: [ana, ben, cat] }, capacity: { max: 2, per: 'day' } },
];
const lead = (index: number, extra: Record<string, unknown> = {}) => ({
  leadId: LeadId(`r${index}`),
  fields: { name: `R${index}`, email: `r${index}@example.com`, source: 'Website', ...extra },
});

describeOnStores('assignment rules', ['memory', 'sqlite', 'postgres'], (open) => {
  it('assigns new leads by the first matching rule with capacity, writing LeadAssigned via rule', async () => {
    const store = await open();
    const { leadline, clock } = await openWithOrganisation(store);
    await leadline.intake.rules.set(RULES, acting());
    const owners: (string | null)[] = [];
    const create = async (index: number, extra: Record<string, unknown> = {}) => {
      const result = await leadline.leads.create(lead(index, extra), acting());
      owners.push(result.outcome === 'created' ? (result.assignment?.ownerId ?? null) : 'not-created');
    };
    await create(1, { source: 'Referral' });
    await create(2, { company: 'Mega Group', customFields: { industry: 'Retail' } });
    await create(3, { company: 'Mega Group', customFields: { industry: 'Software' } });
    for (let index = 4; index <= 8; index++) await create(index);
    expect(owners).toEqual(['ana', 'ben', 'ana', 'ben', 'cat', 'ana', 'ben', 'cat']);
    // Everyone in the team has had 2 today: the ninth lead finds no capacity.
    await create(9);
    expect(owners.at(-1)).toBeNull();
    // 23:30 London is night; the night rule takes one a day.
    await clock.advanceTo(new Date('2026-01-05T23:30:00Z'));
    await create(10);
    await create(11);
    expect(owners.slice(-2)).toEqual(['dan', null]);
    // A new day: capacity is back, and the round robin carries on after cat, read from the ledger by a new instance.
    await clock.advanceTo(new Date('2026-01-06T10:00:00Z'));
    const restarted = createLeadline({ store, clock, disposeStores: false });
    const next = await restarted.leads.create(lead(12), acting());
    expect(next.outcome === 'created' && next.assignment).toEqual({ ruleId: 'team', ownerId: 'ana' });
    const assigned = (await allEvents(store)).filter(
      (event) => event.type === 'LeadAssigned' && event.streamName === leadStream(LeadId('r12')),
    );
    expect(assigned.map((event) => event.data as LeadAssigned['data'])).toEqual([
      { leadId: 'r12', ownerId: 'ana', previousOwnerId: null, via: 'rule', ruleId: 'team' },
    ]);
    expect(assigned[0]?.metadata).toMatchObject({ actorId: 'leadline-assignment-rules' });
    const owned = await leadline.leads.create({ ...lead(13), ownerId: UserId('olga-owner') }, acting());
    expect(owned.outcome === 'created' && owned.assignment).toBeNull();
  });

  it('shares a round robin fairly between concurrent creates', async () => {
    const store = await open();
    const { leadline, clock } = await openWithOrganisation(store);
    const other = createLeadline({ store, clock, disposeStores: false });
    await leadline.intake.rules.set([{ ruleId: 'team', assign: { roundRobin: [ana, ben, cat] } }], acting());
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        (index % 2 === 0 ? leadline : other).leads.create(lead(index), acting()),
      ),
    );
    const counts: Record<string, number> = {};
    for (const result of results)
      if (result.outcome === 'created' && result.assignment !== null)
        counts[result.assignment.ownerId] = (counts[result.assignment.ownerId] ?? 0) + 1;
    expect(counts).toEqual({ ana: 4, ben: 4, cat: 4 });
  });

  it('simulates a new rule set over history without writing', async () => {
    const store = await open();
    const { leadline } = await openWithOrganisation(store);
    await leadline.intake.rules.set([{ ruleId: 'all-to-ana', assign: { to: ana } }], acting());
    for (let index = 1; index <= 5; index++)
      await leadline.leads.create(lead(index, index === 2 ? { source: 'Referral' } : {}), acting());
    const head = await store.headPosition();
    const report = await leadline.intake.rules.simulate(
      [
        { ruleId: 'referrals', when: { sources: ['Referral'] }, assign: { to: cat } },
        { ruleId: 'pair', assign: { roundRobin: [ben, dan] }, capacity: { max: 1, per: 'day' } },
      ],
      acting(),
    );
    expect(await store.headPosition()).toBe(head);
    expect(
      report.leads.map((simulated) => [simulated.leadId, simulated.ruleId, simulated.ownerId, simulated.actualOwnerId]),
    ).toEqual([
      ['r1', 'pair', 'ben', 'ana'],
      ['r2', 'referrals', 'cat', 'ana'],
      ['r3', 'pair', 'dan', 'ana'],
      ['r4', null, null, 'ana'],
      ['r5', null, null, 'ana'],
    ]);
    expect(report).toMatchObject({
      byUser: { ben: 1, cat: 1, dan: 1 },
      byRule: { pair: 2, referrals: 1 },
      unassigned: 2,
      ownedAtCreation: 0,
    });
  });

  it('refuses bad rule sets and callers without the permission, writing nothing', async () => {
    const store = await open();
    const { leadline } = await openWithOrganisation(store);
    const head = await store.headPosition();
    const bad = leadline.intake.rules.set(
      [
        { ruleId: 'a', assign: { roundRobin: [] } },
        {
          ruleId: 'a',
          when: { company: '([', timeOfDay: { from: '25:00', to: '07:00', timeZone: 'Mars/Olympus' } },
          assign: { to: ana },
          capacity: { max: 0, per: 'day' },
        },
      ],
      acting(),
    );
    await expect(bad).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const issues = await bad.catch((error: unknown) =>
      (error as { issues: { field: string; rule: string }[] }).issues.map((found) => `${found.field}:${found.rule}`),
    );
    expect(issues).toEqual([
      'rules[0].assign.roundRobin:non-empty',
      'rules[1].ruleId:unique',
      'rules[1].capacity.max:integer>=1',
      'rules[1].when.company:regular-expression',
      'rules[1].when.timeOfDay:HH:MM',
      'rules[1].when.timeOfDay.timeZone:iana-time-zone',
    ]);
    await expect(leadline.intake.rules.set(RULES, acting(clerk))).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(leadline.intake.rules.simulate(RULES, acting(clerk))).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(await store.headPosition()).toBe(head);
    expect(await leadline.intake.rules.get(owner)).toEqual([]);
  });
});
