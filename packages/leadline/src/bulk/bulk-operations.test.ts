import { afterEach, describe, expect, it } from '@jest/globals';
import { LeadId } from '@leadline/domain';
import { createMemoryEventStore, StoreUnavailableError, type EventStore } from '@leadline/eventstore';
import { createLeadline, type Leadline } from '../leadline.js';
import { admin, as, manager, rep1, rep2 } from '../e2e/actors.js';

let opened: Leadline[] = [];
afterEach(async () => {
  await Promise.all(opened.map((leadline) => leadline.close()));
  opened = [];
});

async function withLeads(store: EventStore = createMemoryEventStore()): Promise<Leadline> {
  const leadline = createLeadline({ store, disposeStores: false });
  opened.push(leadline);
  await leadline.organisations.create({ name: 'Acme' }, { actor: admin });
  for (const [lead, owner] of [
    ['robs', rep1],
    ['ritas', rep2],
    ['pool', null],
  ] as const) {
    await leadline.leads.create(
      { leadId: LeadId(lead), fields: { name: lead, email: `${lead}@example.com`, source: 'Website' } },
      as(manager),
    );
    if (owner !== null) await leadline.leads.assign({ leadId: LeadId(lead), ownerId: owner.userId }, as(manager));
  }
  return leadline;
}

describe('bulk operations', () => {
  it("checks the actor's permissions lead by lead and reports each lead", async () => {
    const leadline = await withLeads();
    const outcome = await leadline.leads.bulkTransfer(
      [LeadId('robs'), LeadId('ritas'), LeadId('ghost'), LeadId('robs')],
      { to: 'pool' },
      as(rep1),
    );
    expect(outcome).toMatchObject({ done: 1, refused: 1, notFound: 1, failed: 0 });
    expect(outcome.results).toEqual([
      { leadId: 'robs', status: 'done', changed: true },
      {
        leadId: 'ritas',
        status: 'refused',
        code: 'PERMISSION_DENIED',
        field: 'leadId',
        reason: expect.stringContaining('cannot see lead ritas'),
      },
      { leadId: 'ghost', status: 'not-found', reason: expect.any(String) },
    ]);
  });

  it('keeps going when the store fails for one lead', async () => {
    const store = createMemoryEventStore();
    const flaky: EventStore = {
      ...store,
      append: async (streamName, events, options) => {
        if (streamName === 'lead-ritas') throw new StoreUnavailableError('disk full');
        return store.append(streamName, events, options);
      },
    };
    const leadline = await withLeads(store);
    const onFlaky = createLeadline({ store: flaky, disposeStores: false });
    opened.push(onFlaky);
    const outcome = await onFlaky.leads.bulkDelete([LeadId('robs'), LeadId('ritas'), LeadId('pool')], {
      ...as(manager),
      reason: 'spam',
    });
    expect(outcome.results.map((result) => result.status)).toEqual(['done', 'failed', 'done']);
    expect(outcome.results[1]).toMatchObject({ code: 'UNAVAILABLE', reason: 'disk full' });
    await expect(
      leadline.leads.update({ leadId: LeadId('robs'), fields: { company: 'X' } }, as(manager)),
    ).rejects.toMatchObject({ code: 'LEAD_DELETED' });
  });

  it('does nothing twice when a keyed bulk operation is retried', async () => {
    const leadline = await withLeads();
    const leads = [LeadId('robs'), LeadId('pool')];
    await leadline.leads.bulkTransfer(
      leads,
      { to: 'user', userId: rep2.userId },
      as(manager, { idempotencyKey: 'bulk-1' }),
    );
    const head = await leadline.store.headPosition();
    const retried = await leadline.leads.bulkTransfer(
      leads,
      { to: 'user', userId: rep2.userId },
      as(manager, { idempotencyKey: 'bulk-1' }),
    );
    expect(retried.done).toBe(2);
    expect(await leadline.store.headPosition()).toBe(head);
  });
});
