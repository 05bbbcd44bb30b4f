// The clients read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { ClientId, type ClientCommand } from '@leadline/domain';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { WORLD_ORGS } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { clientsProjector } from './projector.js';
import { clientById, listClients } from './queries.js';

const create = (clientId: string, name: string, email: string | null, company: string | null): ClientCommand => ({
  type: 'CreateClient',
  clientId: ClientId(clientId),
  details: { name, email, company },
});

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeClientsQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);
  const [ORG, OTHER] = WORLD_ORGS;

  const given = () =>
    new Scenario()
      .onClient(create('c-zoe', 'Zoë Ålander', 'zoe@alander.example', 'Ålander AB'))
      .onClient(create('c-ada', 'Ada Lovelace', 'ada@engines.example', 'Analytical Engines'))
      .onClient(create('c-bob', 'Bob Builder', null, 'Initech'))
      .onClient(create('c-far', 'Ada Far', 'far@globex.example', null), undefined, OTHER)
      .onClient({
        type: 'UpdateClient',
        clientId: ClientId('c-bob'),
        changes: { name: 'Bea Builder', email: 'bea@x.example' },
      })
      // A history from before client records: a lead converted into, and one linked to, unknown client ids.
      .on('old', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Old Lead', email: 'old@example.com', source: 'Website' },
      }))
      .on('old', (leadId) => ({ type: 'ConvertToClient', leadId, clientId: ClientId('legacy-7'), mode: 'new' }))
      .on('upsell', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Upsell', email: 'up@example.com', source: 'Website' },
      }))
      .on('upsell', (leadId) => ({ type: 'LinkToClient', leadId, clientId: ClientId('c-ada') }));

  async function built(twice = false) {
    const store = await open();
    await prepareLive(store, [clientsProjector]);
    await feed(store, [clientsProjector], given().events, twice ? { twice: true, batchSizes: [3] } : {});
    return store;
  }

  describe('clients', () => {
    it('lists the organisation’s clients by name, implicit ones by id, page by page', async () => {
      const store = await built();
      const first = await listClients(store, { orgId: ORG, limit: 2 });
      expect(first.items.map((client) => client.clientId)).toEqual(['c-ada', 'c-bob']);
      if (first.nextCursor === null) throw new Error('expected a second page');
      const second = await listClients(store, { orgId: ORG, limit: 2, after: first.nextCursor });
      expect(second.items.map((client) => client.clientId)).toEqual(['legacy-7', 'c-zoe']);
      expect(second.nextCursor).toBeNull();
      expect((await listClients(store, { orgId: OTHER })).items.map((client) => client.name)).toEqual(['Ada Far']);
    });

    it('searches name, email and company, any case and accents; a short text is a prefix of the name', async () => {
      const store = await built();
      const ids = async (text: string) =>
        (await listClients(store, { orgId: ORG, text })).items.map((client) => client.clientId);
      expect(await ids('alander')).toEqual(['c-zoe']);
      expect(await ids('ENGINES')).toEqual(['c-ada']);
      expect(await ids('initech')).toEqual(['c-bob']);
      expect(await ids('bea@')).toEqual(['c-bob']);
      expect(await ids('bob')).toEqual([]);
      expect(await ids('zo')).toEqual(['c-zoe']);
      expect(await ids('a')).toEqual(['c-ada']);
      expect(await ids('far')).toEqual([]);
    });

    it('pages a text most clients hold one client at a time as it lists them whole (SQLite walks the name index for a common text, FTS5 for a rare one)', async () => {
      const store = await open();
      await prepareLive(store, [clientsProjector]);
      let scenario = new Scenario().onClient(create('c-other', 'Acme Elsewhere', null, 'Acme'), undefined, OTHER);
      for (let index = 0; index < 14; index += 1)
        scenario = scenario.onClient(create(`c-${index}`, `Client ${(index * 7) % 14}`, null, 'Acme Holdings'));
      scenario = scenario.onClient(create('c-none', 'Client None', null, 'Initech'));
      await feed(store, [clientsProjector], scenario.events);
      const whole = (await listClients(store, { orgId: ORG, text: 'acme', limit: 100 })).items.map(
        (client) => client.clientId,
      );
      expect(whole).toHaveLength(14);
      const paged: string[] = [];
      let after: string | undefined;
      do {
        const page = await listClients(store, { orgId: ORG, text: 'acme', limit: 1, ...(after ? { after } : {}) });
        paged.push(...page.items.map((client) => client.clientId));
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
      expect(paged).toEqual(whole);
    });

    it('keeps a record’s details and origin; an unknown client id a lead named is an implicit row', async () => {
      const store = await built();
      expect(await clientById(store, { orgId: ORG, clientId: ClientId('c-bob') })).toMatchObject({
        recorded: true,
        origin: 'direct',
        name: 'Bea Builder',
        email: 'bea@x.example',
        company: 'Initech',
      });
      expect(await clientById(store, { orgId: ORG, clientId: ClientId('legacy-7') })).toMatchObject({
        recorded: false,
        origin: 'implicit',
        name: null,
        email: null,
      });
      expect(await clientById(store, { orgId: OTHER, clientId: ClientId('c-ada') })).toBeNull();
    });

    it('a record written after leads named its id takes the implicit row over', async () => {
      const scenario = given().onClient(create('legacy-7', 'Legacy Seven', 'seven@example.com', null));
      const store = await open();
      await prepareLive(store, [clientsProjector]);
      await feed(store, [clientsProjector], scenario.events);
      expect(await clientById(store, { orgId: ORG, clientId: ClientId('legacy-7') })).toMatchObject({
        recorded: true,
        origin: 'direct',
        name: 'Legacy Seven',
      });
      expect((await listClients(store, { orgId: ORG, text: 'seven' })).items).toHaveLength(1);
    });

    it('is the same with every event delivered twice', async () => {
      const once = await built();
      const twice = await built(true);
      expect(await listClients(twice, { orgId: ORG })).toEqual(await listClients(once, { orgId: ORG }));
    });
  });
}
