// The client roster as a user drives it through the facade: records, conversion into new and existing
// clients, upsell links, the roster and "Client → Leads", and the refusals that write nothing.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ClientId, LeadId, OrgId, UserId, type Actor } from '@leadline/domain';
import { createMemoryEventStore, type EventStore } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../leadline.js';
import { admin, as, manager, rep1, rep2 } from '../e2e/actors.js';

let opened: Leadline[] = [];
afterEach(async () => {
  await Promise.all(opened.map((leadline) => leadline.close()));
  opened = [];
});

const rival: Actor = { ...admin, userId: UserId('gus-globex'), orgId: OrgId('globex') };

async function withLeads(store: EventStore = createMemoryEventStore()) {
  const leadline = createLeadline({ store, readModels: openSqliteReadModelStore({ file: ':memory:' }) });
  opened.push(leadline);
  await leadline.organisations.create({ name: 'Acme' }, as(admin));
  await leadline.organisations.create({ name: 'Globex' }, as(rival));
  for (const [lead, owner, company] of [
    ['ada', rep1, 'Analytical Engines'],
    ['bob', rep2, 'Builders'],
    ['cy', rep1, 'Analytical Engines'],
  ] as const) {
    await leadline.leads.create(
      {
        leadId: LeadId(lead),
        ownerId: owner.userId,
        fields: { name: `${lead} Lead`, email: `${lead}@example.com`, company, source: 'Website' },
      },
      as(manager),
    );
  }
  await leadline.workers.start();
  return { leadline, events: () => countEvents(store) };
}

async function countEvents(store: EventStore): Promise<number> {
  let count = 0;
  for await (const _event of store.readAll()) count += 1;
  return count;
}

const ENGINES = ClientId('client-engines');

describe('clients', () => {
  it('converting into a new client records the client from the lead’s contact details', async () => {
    const { leadline } = await withLeads();
    await leadline.leads.convert({ leadId: LeadId('ada'), clientId: ENGINES, mode: 'new' }, as(rep1));
    await leadline.workers.settled();
    expect(await leadline.clients.get({ viewer: manager, clientId: ENGINES })).toMatchObject({
      recorded: true,
      origin: 'conversion',
      fromLeadId: 'ada',
      name: 'ada Lead',
      email: 'ada@example.com',
      company: 'Analytical Engines',
    });
  });

  it('merging into a client needs one that exists; "new" with a taken id is refused; nothing is written', async () => {
    const { leadline, events } = await withLeads();
    await leadline.leads.convert({ leadId: LeadId('ada'), clientId: ENGINES, mode: 'new' }, as(rep1));
    const before = await events();
    await expect(
      leadline.leads.convert({ leadId: LeadId('cy'), clientId: ClientId('ghost'), mode: 'merged' }, as(rep1)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'clientId', rule: 'existing-client' });
    await expect(
      leadline.leads.convert({ leadId: LeadId('cy'), clientId: ENGINES, mode: 'new' }, as(rep1)),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS', field: 'clientId', rule: 'new-client-id' });
    // Another organisation's client is no client at all.
    await leadline.clients.create({ clientId: ClientId('globex-1'), details: { name: 'G' } }, as(rival));
    const withRival = await events();
    await expect(
      leadline.leads.linkToClient({ leadId: LeadId('cy'), clientId: ClientId('globex-1') }, as(rep1)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'clientId' });
    await expect(
      leadline.leads.execute({ type: 'LinkToClient', leadId: LeadId('cy'), clientId: ClientId('ghost') }, as(rep1)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'clientId' });
    expect(withRival).toBe(before + 1);
    expect(await events()).toBe(withRival);
    // A refused conversion into a new client writes no client either.
    await leadline.leads.markLost({ leadId: LeadId('bob'), reason: 'Budget' }, as(rep2));
    const lost = await events();
    await expect(
      leadline.leads.convert({ leadId: LeadId('bob'), clientId: ClientId('new-one'), mode: 'new' }, as(rep2)),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION', rule: 'not-lost' });
    expect(await events()).toBe(lost);
    await leadline.workers.settled();
    expect(await leadline.clients.get({ viewer: manager, clientId: ClientId('new-one') })).toBeNull();
  });

  it('an expected revision on a conversion into a new client is the lead’s: a stale one writes no client', async () => {
    const { leadline, events } = await withLeads();
    const before = await events();
    await expect(
      leadline.leads.convert(
        { leadId: LeadId('ada'), clientId: ENGINES, mode: 'new' },
        as(rep1, { expectedRevision: 5n }),
      ),
    ).rejects.toMatchObject({ code: 'REVISION_MISMATCH', field: 'expectedRevision' });
    expect(await events()).toBe(before);
    const converted = await leadline.leads.convert(
      { leadId: LeadId('ada'), clientId: ENGINES, mode: 'new' },
      as(rep1, { expectedRevision: 0n }),
    );
    expect(converted.events.map((event) => event.type)).toContain('ConvertedToClient');
  });

  it('concurrent conversions of two leads into one new client id: exactly one wins', async () => {
    const { leadline } = await withLeads();
    const outcomes = await Promise.allSettled([
      leadline.leads.convert({ leadId: LeadId('ada'), clientId: ENGINES, mode: 'new' }, as(rep1)),
      leadline.leads.convert({ leadId: LeadId('cy'), clientId: ENGINES, mode: 'new' }, as(rep1)),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'ALREADY_EXISTS', field: 'clientId' });
    await leadline.workers.settled();
    expect((await leadline.clients.leads({ viewer: manager, clientId: ENGINES })).items).toHaveLength(1);
  });

  it('a retried conversion (same idempotency key) is harmless', async () => {
    const { leadline, events } = await withLeads();
    const convert = () =>
      leadline.leads.convert(
        { leadId: LeadId('ada'), clientId: ENGINES, mode: 'new' },
        as(rep1, { idempotencyKey: 'convert-ada' }),
      );
    const first = await convert();
    const written = await events();
    const again = await convert();
    expect(again.replayed).toBe(true);
    expect(again.events.map((event) => event.eventId)).toEqual(first.events.map((event) => event.eventId));
    expect(await events()).toBe(written);
  });

  it('Client → Leads: the converted lead stays as history, upsells are linked; each viewer sees their own', async () => {
    const { leadline } = await withLeads();
    await leadline.leads.convert({ leadId: LeadId('ada'), clientId: ENGINES, mode: 'new' }, as(rep1));
    await leadline.leads.linkToClient({ leadId: LeadId('bob'), clientId: ENGINES }, as(manager));
    await leadline.leads.create(
      {
        leadId: LeadId('dee'),
        clientId: ENGINES,
        ownerId: rep1.userId,
        fields: { name: 'dee Upsell', email: 'dee@example.com', source: 'Website' },
      },
      as(manager),
    );
    await leadline.workers.settled();
    const names = async (viewer: Actor, limit?: number) => {
      const all: string[] = [];
      let after: string | undefined;
      do {
        const page = await leadline.clients.leads({
          viewer,
          clientId: ENGINES,
          ...(limit === undefined ? {} : { limit }),
          ...(after === undefined ? {} : { after }),
        });
        all.push(...page.items.map((lead) => lead.name));
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
      return all;
    };
    expect(await names(manager, 1)).toEqual(['ada Lead', 'bob Lead', 'dee Upsell']);
    expect(await names(rep1)).toEqual(['ada Lead', 'dee Upsell']);
    expect(await names(rep2)).toEqual(['bob Lead']);
    expect(await names(rival)).toEqual([]);
    const board = await leadline.queries.pipelineBoard({ viewer: manager, filters: { clientId: ENGINES } });
    expect(board?.count).toBe(3);
    await expect(
      leadline.leads.create(
        { clientId: ClientId('ghost'), fields: { name: 'X', email: 'x@example.com', source: 'Website' } },
        as(manager),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'clientId' });
  });

  it('creates, updates, lists and searches clients; refuses bad input naming the field', async () => {
    const { leadline } = await withLeads();
    const created = await leadline.clients.create(
      { details: { name: 'Zoë Ålander', email: 'Zoe@Alander.example', company: 'Ålander AB' } },
      as(rep1, { idempotencyKey: 'zoe' }),
    );
    const again = await leadline.clients.create(
      { details: { name: 'Zoë Ålander', email: 'Zoe@Alander.example', company: 'Ålander AB' } },
      as(rep1, { idempotencyKey: 'zoe' }),
    );
    expect(again).toMatchObject({ clientId: created.clientId, replayed: true });
    await leadline.clients.update({ clientId: created.clientId, changes: { company: 'Alander Oy' } }, as(rep1));
    await leadline.clients.create({ clientId: ClientId('c-b'), details: { name: 'Bea' } }, as(rep1));
    await leadline.workers.settled();
    const list = await leadline.clients.list({ viewer: rep2, limit: 1 });
    expect(list.items.map((client) => client.name)).toEqual(['Bea']);
    const found = await leadline.clients.list({ viewer: rep2, text: 'oy' });
    expect(found.items.map((client) => client.clientId)).toEqual([]);
    expect((await leadline.clients.list({ viewer: rep2, text: 'alander oy' })).items).toHaveLength(1);
    await expect(leadline.clients.create({ details: { name: '' } }, as(rep1))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'name',
    });
    await expect(leadline.clients.create({ details: { name: 'X', email: 'nope' } }, as(rep1))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'email',
      rule: 'email-format',
    });
    await expect(
      leadline.clients.update({ clientId: ClientId('c-none'), changes: { name: 'X' } }, as(rep1)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'clientId' });
    await expect(leadline.clients.list({ viewer: manager, limit: 0 })).rejects.toMatchObject({ field: 'limit' });
    await expect(leadline.clients.list({ viewer: { ...rep1, permissions: [] } })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });

  it('imports clients from CSV: bad rows reported and not written, a rerun creates nothing twice', async () => {
    const { leadline } = await withLeads();
    const text =
      'Client ID,Name,Email,Company\nc-1,Initech,buy@initech.example,Initech\n,No Mail,not-an-email,\n,Globex,,Globex Corp\n';
    const report = await leadline.clients.import({ text }, { acting: as(manager) });
    expect(report).toMatchObject({ rows: 3, created: 2, alreadyImported: 0, failed: 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'email', code: 'VALIDATION_FAILED', rule: 'email-format' }),
    ]);
    const rerun = await leadline.clients.import({ text }, { acting: as(manager) });
    expect(rerun).toMatchObject({ created: 0, alreadyImported: 2, failed: 1 });
    expect(rerun.clientIds).toEqual(report.clientIds);
    await leadline.workers.settled();
    const roster = await leadline.clients.list({ viewer: manager });
    expect(roster.items.map((client) => [client.name, client.origin])).toEqual([
      ['Globex', 'import'],
      ['Initech', 'import'],
    ]);
  });
});
