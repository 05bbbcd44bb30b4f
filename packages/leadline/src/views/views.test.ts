// List views as an application drives them: saved and system views, leads.list with paging and ad-hoc
// changes, a view exported as streamed CSV, and mass email to a view.
import { afterEach, describe, expect, it } from '@jest/globals';
import { DomainErrorCode, LeadId, ValidationError } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { ACME, admin, as, manager, rep1, rep2 } from '../e2e/actors.js';
import { createLeadline, type Leadline } from '../leadline.js';
import { createManualClock } from '../testing/manual-clock.js';

let leadline: Leadline;
afterEach(async () => leadline.close());

async function open(): Promise<Leadline> {
  leadline = createLeadline({
    store: createMemoryEventStore(),
    readModels: openSqliteReadModelStore({ file: ':memory:' }),
    clock: createManualClock('2026-03-04T09:00:00.000Z'),
  });
  await leadline.organisations.create({ orgId: ACME, name: 'Acme' }, { actor: admin });
  await leadline.workers.start();
  const lead = (id: string, owner: typeof rep1 | null, details: { name: string } & Record<string, unknown>) =>
    leadline.leads.create(
      {
        leadId: LeadId(id),
        ...(owner === null ? {} : { ownerId: owner.userId }),
        fields: { source: 'Website', ...details },
      },
      as(manager),
    );
  await lead('ada', rep1, {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    company: '=HYPERLINK("x")',
    rating: 'hot',
  });
  await lead('bob', rep1, { name: 'Bob Babbage', email: 'bob@example.com', phone: '+44 20 7946 0002', rating: 'cold' });
  await lead('cyd', rep2, { name: 'Cyd Charisse', email: 'cyd@example.com', rating: 'warm' });
  await lead('dot', null, { name: 'Dot Pool', email: 'dot@example.com' });
  await leadline.workers.settled();
  return leadline;
}

const names = (page: { items: readonly { values: Readonly<Record<string, unknown>> }[] }) =>
  page.items.map((item) => item.values['name']);

describe('list views', () => {
  it('lists the system views first, then the saved views a user sees', async () => {
    const leadline = await open();
    await leadline.views.create({ name: 'Hot', filters: [{ field: 'rating', op: 'eq', value: 'hot' }] }, as(rep1));
    await leadline.views.create({ name: 'Team', visibility: 'shared' }, as(admin));
    const seen = async (actor: typeof rep1) => (await leadline.views.list({ viewer: actor })).map((view) => view.name);
    expect(await seen(rep1)).toEqual([
      'All leads',
      'My leads',
      'Unread leads',
      'Recently created',
      'Converted',
      'Lost',
      'Pool',
      'Next calls this week',
      'Hot',
      'Team',
    ]);
    expect(await seen(rep2)).not.toContain('Hot');
  });

  it('saves, renames and deletes a view; a system view stays', async () => {
    const leadline = await open();
    const { viewId } = await leadline.views.create(
      { name: 'Rated', columns: ['name', 'rating'], sort: [{ field: 'rating', direction: 'desc' }] },
      as(manager),
    );
    expect(names(await leadline.leads.list({ viewer: manager, view: 'rated' }))).toEqual([
      'Ada Lovelace',
      'Cyd Charisse',
      'Bob Babbage',
      'Dot Pool',
    ]);
    await leadline.views.update({ viewId, changes: { name: 'By rating' } }, as(manager));
    expect((await leadline.views.get({ viewer: manager, view: viewId })).name).toBe('By rating');
    await leadline.views.delete({ viewId }, as(manager));
    await expect(leadline.views.get({ viewer: manager, view: viewId })).rejects.toMatchObject({
      code: DomainErrorCode.NotFound,
      field: 'view',
    });
    await expect(leadline.views.delete({ viewId: 'system.pool' }, as(admin))).rejects.toMatchObject({
      rule: 'system-view-read-only',
    });
  });

  it('refuses a bad definition at the boundary and in the domain, writing nothing', async () => {
    const leadline = await open();
    await expect(
      // What a JSON caller may send: an operator no type has.
      leadline.views.create(
        JSON.parse('{"name":"Bad","filters":[{"field":"rating","op":"like","value":1}]}') as never,
        as(rep1),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      leadline.views.create({ name: 'Bad', filters: [{ field: 'rating', op: 'contains', value: 'x' }] }, as(rep1)),
    ).rejects.toMatchObject({ field: 'filters.0.op', rule: 'operator-for:choice' });
    await expect(leadline.views.create({ name: 'Bad', columns: ['salary'] }, as(rep1))).rejects.toMatchObject({
      field: 'columns.0',
      rule: 'known-field',
    });
    expect(await leadline.views.list({ viewer: rep1 })).toHaveLength(8);
  });
});

describe('leads.list', () => {
  it('pages a view by its cursor, with the viewer’s visibility', async () => {
    const leadline = await open();
    const first = await leadline.leads.list({
      viewer: manager,
      adHoc: { sort: [{ field: 'name', direction: 'asc' }] },
      limit: 3,
    });
    expect(names(first)).toEqual(['Ada Lovelace', 'Bob Babbage', 'Cyd Charisse']);
    expect(first.columns.map((column) => column.key)).toEqual(['name', 'company', 'email', 'phone', 'stage', 'owner']);
    const next = await leadline.leads.list({
      viewer: manager,
      adHoc: { sort: [{ field: 'name', direction: 'asc' }] },
      limit: 3,
      cursor: first.nextCursor ?? '',
    });
    expect(names(next)).toEqual(['Dot Pool']);
    expect(next.nextCursor).toBeNull();
    const mine = await leadline.leads.list({ viewer: rep1, view: 'My leads' });
    expect(mine.items.map((item) => item.leadId).sort()).toEqual(['ada', 'bob']);
    expect((await leadline.leads.list({ viewer: rep1, view: 'Pool' })).items.map((item) => item.leadId)).toEqual([
      'dot',
    ]);
  });

  it('shows a lead as unread to its owner until they open it, and again once someone else changes it', async () => {
    const leadline = await open();
    const unread = async () =>
      (await leadline.leads.list({ viewer: rep1, view: 'Unread leads' })).items.map((item) => item.leadId).sort();
    expect(await unread()).toEqual(['ada', 'bob']);
    await leadline.leads.markRead({ leadId: LeadId('ada') }, as(rep1));
    await leadline.leads.logNote({ leadId: LeadId('bob'), text: 'Called' }, as(rep1));
    await leadline.workers.settled();
    expect(await unread()).toEqual(['bob']);
    await leadline.leads.logNote({ leadId: LeadId('ada'), text: 'Checked in' }, as(manager));
    await leadline.workers.settled();
    expect(await unread()).toEqual(['ada', 'bob']);
  });

  it('refuses an unknown view and a bad ad-hoc filter, naming the field', async () => {
    const leadline = await open();
    await expect(leadline.leads.list({ viewer: rep1, view: 'Nope' })).rejects.toMatchObject({ field: 'view' });
    await expect(
      leadline.leads.list({ viewer: rep1, adHoc: { filters: [{ field: 'created', op: 'inLastDays', value: -1 }] } }),
    ).rejects.toMatchObject({ field: 'adHoc.filters.0.value' });
    await expect(leadline.leads.list({ viewer: rep1, limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('export of a view', () => {
  it('streams CSV page by page with email and phone added and formula cells neutralised', async () => {
    const leadline = await open();
    const chunks: string[] = [];
    for await (const chunk of leadline.views.exportCsv({
      viewer: manager,
      adHoc: { columns: ['name', 'company', 'rating'], sort: [{ field: 'name', direction: 'asc' }] },
    }))
      chunks.push(chunk);
    expect(chunks.join('').split('\r\n')).toEqual([
      'Lead id,Name,Company,Rating,Email,Phone',
      `ada,Ada Lovelace,"'=HYPERLINK(""x"")",hot,ada@example.com,`,
      // A phone starts with +, which a spreadsheet would read as a formula: it is neutralised too.
      "bob,Bob Babbage,,cold,bob@example.com,'+442079460002",
      'cyd,Cyd Charisse,,warm,cyd@example.com,',
      'dot,Dot Pool,,,dot@example.com,',
      '',
    ]);
    expect(chunks).toHaveLength(2);
  });
});

describe('mass email to a view', () => {
  it('queues one email per lead of the view the sender sees', async () => {
    const leadline = await open();
    const template = { subject: 'Hi {{name}}', body: 'Hello' };
    const sent = await leadline.email.send({ view: 'My leads', template }, as(rep1));
    expect(sent.queued.map((email) => email.leadId).sort()).toEqual(['ada', 'bob']);
    await expect(leadline.email.send({ template }, as(rep1))).rejects.toMatchObject({ rule: 'leads-or-view' });
  });
});
