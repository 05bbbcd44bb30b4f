// The lead lists' queries, specified once and run on every SQL store (see testing/): columns, filters,
// sorts with empty values last, keyset pages, visibility and the system views.
import { describe, expect, it } from '@jest/globals';
import {
  ClientId,
  OrgId,
  StageId,
  SYSTEM_LIST_VIEWS,
  UserId,
  type CustomFieldDefinition,
  type ListFilter,
  type ListSort,
} from '@leadline/domain';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { managerActor, repActor, WORLD_ORGS } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import type { ReadModelStore } from '../../store/port.js';
import { leadListProjector } from './projector.js';
import { listLeads, type LeadListQuery } from './queries.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeLeadListQueries(factory: ReadModelStoreFactory): void {
  describe('lead lists', () => {
    describeLeadLists(factory);
  });
}

function describeLeadLists(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);
  const ORG = WORLD_ORGS[0];
  const alice = UserId('alice');
  const bob = UserId('bob');
  const employees: CustomFieldDefinition = { key: 'employees', label: 'Employees', type: 'number' };
  const now = new Date('2026-01-08T12:00:00.000Z');

  function given(): Scenario {
    const scenario = new Scenario();
    scenario.world.organisation({
      type: 'ChangeOrganisationSettings',
      orgId: ORG,
      changes: { customFields: [employees] },
    });
    return scenario
      .on('ada', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: alice,
        fields: {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          phone: '+44 20 7946 0001',
          company: 'Analytical',
          source: 'Referral',
          rating: 'hot',
          estimatedValue: { amountMinor: 50_000, currency: 'EUR' },
          customFields: { employees: 12 },
        },
      }))
      .after(60)
      .on('zoe', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: bob,
        fields: {
          name: 'Zoë Ålander',
          email: 'zoe@example.com',
          source: 'Website',
          rating: 'cold',
          customFields: { employees: 300 },
        },
      }))
      .after(60)
      .on('pool', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Pool Lead', email: 'pool@example.com', source: 'Website', rating: 'warm' },
      }))
      .after(60)
      .on('won', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: alice,
        fields: { name: 'Won Ltd', email: 'won@example.com', source: 'Referral' },
      }))
      .on(
        'won',
        (leadId) => ({ type: 'ConvertToClient', leadId, clientId: ClientId('client-1'), mode: 'new' }),
        repActor(alice),
      )
      .after(60)
      .on('gone', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: bob,
        fields: { name: 'Gone Corp', email: 'gone@example.com', source: 'Website' },
      }))
      .on('gone', (leadId) => ({ type: 'MarkLeadLost', leadId, reason: 'Budget' }))
      .after(60)
      .on('ada', (leadId) => ({ type: 'ScheduleNextCall', leadId, at: '2026-01-09T10:00:00.000Z' }), repActor(alice))
      .on('zoe', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }))
      .on('won', (leadId) => ({ type: 'MarkLeadRead', leadId }), repActor(alice));
  }

  async function seeded(): Promise<ReadModelStore> {
    const store = await open();
    await prepareLive(store, [leadListProjector]);
    await feed(store, [leadListProjector], given().events);
    return store;
  }

  const base = (overrides: Partial<LeadListQuery> = {}): LeadListQuery => ({
    orgId: ORG,
    viewer: managerActor,
    now,
    columns: ['name'],
    sort: [{ field: 'name', direction: 'asc' }],
    filters: [],
    customFields: [employees],
    ...overrides,
  });
  const names = async (store: ReadModelStore, overrides: Partial<LeadListQuery> = {}) =>
    (await listLeads(store, base(overrides))).items.map((item) => item.values['name']);

  it('returns only the chosen columns, typed: revenue as money, booleans as booleans, custom values', async () => {
    const store = await seeded();
    const page = await listLeads(
      store,
      base({
        columns: [
          'name',
          'email',
          'phone',
          'stage',
          'owner',
          'rating',
          'estimatedRevenue',
          'unread',
          'custom.employees',
        ],
        filters: [{ field: 'name', op: 'startsWith', value: 'ada' }],
      }),
    );
    expect(page.items).toEqual([
      {
        leadId: 'ada',
        values: {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          phone: '+442079460001',
          stage: 'Not contacted',
          owner: 'alice',
          rating: 'hot',
          estimatedRevenue: { amountMinor: 50_000, currency: 'EUR' },
          unread: true,
          'custom.employees': 12,
        },
      },
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('sorts on several keys with empty values last in either direction', async () => {
    const store = await seeded();
    const byRating = (direction: ListSort['direction']) =>
      names(store, {
        sort: [
          { field: 'rating', direction },
          { field: 'name', direction: 'asc' },
        ],
      });
    // hot > warm > cold, not the alphabet (which would put warm first descending).
    expect(await byRating('desc')).toEqual(['Ada Lovelace', 'Pool Lead', 'Zoë Ålander', 'Gone Corp', 'Won Ltd']);
    expect(await byRating('asc')).toEqual(['Zoë Ålander', 'Pool Lead', 'Ada Lovelace', 'Gone Corp', 'Won Ltd']);
    expect(await names(store, { sort: [{ field: 'custom.employees', direction: 'desc' }] })).toEqual([
      'Zoë Ålander',
      'Ada Lovelace',
      'Won Ltd',
      'Pool Lead',
      'Gone Corp',
    ]);
  });

  it('pages by cursor through every order without a lead twice or missing', async () => {
    const store = await seeded();
    const sorts: ListSort[][] = [
      [{ field: 'rating', direction: 'desc' }],
      [
        { field: 'nextCall', direction: 'asc' },
        { field: 'name', direction: 'desc' },
      ],
      [
        { field: 'unread', direction: 'desc' },
        { field: 'lastActivity', direction: 'asc' },
      ],
      [{ field: 'custom.employees', direction: 'asc' }],
      [],
    ];
    for (const sort of sorts) {
      const whole = await names(store, { sort, limit: 50 });
      const paged: unknown[] = [];
      let after: string | undefined;
      do {
        const page = await listLeads(store, base({ sort, limit: 2, ...(after === undefined ? {} : { after }) }));
        paged.push(...page.items.map((item) => item.values['name']));
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
      expect(paged).toEqual(whole);
      expect(whole).toHaveLength(5);
    }
  });

  it('filters by text ignoring case and accents, by choice, number, custom field and relative date', async () => {
    const store = await seeded();
    const filtered = (filters: ListFilter[]) => names(store, { filters });
    expect(await filtered([{ field: 'name', op: 'contains', value: 'ALAN' }])).toEqual(['Zoë Ålander']);
    expect(await filtered([{ field: 'phone', op: 'contains', value: '020 7946' }])).toEqual([]);
    expect(await filtered([{ field: 'phone', op: 'contains', value: '2079460001' }])).toEqual(['Ada Lovelace']);
    expect(await filtered([{ field: 'source', op: 'in', value: ['Referral'] }])).toEqual(['Ada Lovelace', 'Won Ltd']);
    expect(await filtered([{ field: 'rating', op: 'eq', value: 'hot' }])).toEqual(['Ada Lovelace']);
    expect(await filtered([{ field: 'rating', op: 'in', value: ['hot', 'warm'] }])).toEqual([
      'Ada Lovelace',
      'Pool Lead',
    ]);
    expect(await filtered([{ field: 'rating', op: 'isEmpty' }])).toEqual(['Gone Corp', 'Won Ltd']);
    expect(await filtered([{ field: 'owner', op: 'neq', value: 'alice' }])).toEqual([
      'Gone Corp',
      'Pool Lead',
      'Zoë Ålander',
    ]);
    expect(await filtered([{ field: 'custom.employees', op: 'gt', value: 100 }])).toEqual(['Zoë Ålander']);
    expect(await filtered([{ field: 'stage', op: 'eq', value: 'Contacted' }])).toEqual(['Zoë Ålander']);
    expect(await filtered([{ field: 'stage', op: 'eq', value: 'CONTACTED' }])).toEqual(['Zoë Ålander']);
    expect(await filtered([{ field: 'nextCall', op: 'inNextDays', value: 1 }])).toEqual(['Ada Lovelace']);
  });

  it('shows a rep only their own leads, their live claims and the pool', async () => {
    const store = await seeded();
    expect(await names(store, { viewer: repActor(alice) })).toEqual(['Ada Lovelace', 'Pool Lead', 'Won Ltd']);
    expect(await names(store, { orgId: OrgId('org-globex') })).toEqual([]);
  });

  it('answers the system views', async () => {
    const store = await seeded();
    const view = async (name: string, viewer = managerActor) => {
      const system = SYSTEM_LIST_VIEWS.find((candidate) => candidate.name === name);
      if (system === undefined) throw new Error(name);
      return names(store, { viewer, sort: system.sort, filters: system.filters });
    };
    expect(await view('All leads')).toEqual(['Zoë Ålander', 'Ada Lovelace', 'Gone Corp', 'Won Ltd', 'Pool Lead']);
    expect(await view('My leads', repActor(alice))).toEqual(['Ada Lovelace', 'Won Ltd']);
    // The manager created them all; Alice opened one. Her own changes leave the other unread.
    expect(await view('Unread leads', repActor(bob))).toEqual(['Zoë Ålander', 'Gone Corp']);
    expect(await view('Unread leads', repActor(alice))).toEqual(['Ada Lovelace']);
    expect(await view('Recently created')).toEqual([
      'Gone Corp',
      'Won Ltd',
      'Pool Lead',
      'Zoë Ålander',
      'Ada Lovelace',
    ]);
    expect(await view('Converted')).toEqual(['Won Ltd']);
    expect(await view('Lost')).toEqual(['Gone Corp']);
    expect(await view('Pool')).toEqual(['Pool Lead']);
    expect(await view('Next calls this week')).toEqual(['Ada Lovelace']);
  });

  it('refuses an unknown column and a cursor of another sort, naming the field', async () => {
    const store = await seeded();
    await expect(listLeads(store, base({ columns: ['name', 'shoe'] }))).rejects.toMatchObject({
      field: 'columns.1',
      rule: 'known-field',
    });
    const first = await listLeads(store, base({ limit: 1 }));
    await expect(
      listLeads(store, base({ sort: [{ field: 'name', direction: 'desc' }], after: first.nextCursor ?? '' })),
    ).rejects.toMatchObject({ field: 'cursor', rule: 'cursor-of-this-sort' });
    await expect(listLeads(store, base({ after: 'not-a-cursor' }))).rejects.toMatchObject({ field: 'cursor' });
  });
}
