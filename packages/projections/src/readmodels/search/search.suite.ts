// The search read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { ClientId, StageId, UserId, WorkflowId } from '@leadline/domain';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { ReadModelErrorCode } from '../../store/errors.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { HISTORY_START } from '../../testing/history/interpreter.js';
import { managerActor, repActor, WORLD_ORGS } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { searchProjector } from './projector.js';
import { searchLeads, searchLeadsRanking } from './queries.js';
import { RANKED_CANDIDATES } from './ranked.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeSearchQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  const ORG = WORLD_ORGS[0];
  const now = new Date('2026-01-05T09:00:00.000Z');

  async function given() {
    const scenario = new Scenario()
      .on('zoe', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: UserId('bob'),
        fields: { name: 'Zoë Ålander', email: 'Zoe@Example.com', phone: '+44 20 7946 0958', source: 'Website' },
      }))
      .on('jose', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'José Núñez', email: 'jose@example.com', source: 'Referral' },
      }))
      .on('gone', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Zora Gone', email: 'zora@example.com', source: 'Referral' },
      }))
      .on('alan', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Alan Smith', email: 'alan@smith.example', company: 'Ålander Oy', source: 'Website' },
      }))
      .on('percent', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: {
          name: 'Pat 100% Sure',
          email: 'pat@sure.example',
          phone: '+39 06 1234 5678',
          company: 'Wild_Cards',
          source: 'Website',
        },
      }))
      .on('jose', (leadId) => ({
        type: 'UpdateLeadDetails',
        leadId,
        fields: { phone: '+34 612 345 678' },
      }))
      .on('gone', (leadId) => ({ type: 'DeleteLead', leadId, reason: 'spam' }))
      .on(
        'other',
        (leadId) => ({
          type: 'CreateLead',
          leadId,
          fields: { name: 'Zoe Elsewhere', email: 'zoe@elsewhere.com', source: 'Website' },
        }),
        managerActor,
        WORLD_ORGS[1],
      );
    const store = await open();
    await prepareLive(store, [searchProjector]);
    await feed(store, [searchProjector], scenario.events, { batchSizes: [2] });
    return store;
  }

  const names = (hits: { readonly items: readonly { name: string }[] }) => hits.items.map((hit) => hit.name);

  const text = (
    store: Awaited<ReturnType<typeof given>>,
    typed: string,
    more: { limit?: number; after?: string } = {},
  ) => searchLeads(store, { orgId: ORG, viewer: managerActor, now, text: typed, ...more });

  describe('search by text', () => {
    it('finds any substring of the name, company, email or phone, whatever the case and accents', async () => {
      const store = await given();
      expect(names(await text(store, 'LANDE'))).toEqual(['Alan Smith', 'Zoë Ålander']);
      expect(names(await text(store, 'núñ'))).toEqual(['José Núñez']);
      expect(names(await text(store, 'smith.exa'))).toEqual(['Alan Smith']);
      // Written like a phone: its digits, whatever the punctuation; the update kept the name searchable.
      expect(names(await text(store, '(34) 612'))).toEqual(['José Núñez']);
      expect(names(await text(store, '7946-0958'))).toEqual(['Zoë Ålander']);
      expect(names(await text(store, 'jose'))).toEqual(['José Núñez']);
      expect(names(await text(store, 'nobody here'))).toEqual([]);
    });

    it('reads phone numbers as E.164, with the organisation calling code for national ones when given', async () => {
      const store = await given();
      // The trunk 0 in brackets is dialled only nationally; E.164 drops it.
      expect(names(await text(store, '+44 (0)20 7946-0958'))).toEqual(['Zoë Ålander']);
      // Italian numbers keep their leading 0.
      expect(names(await text(store, '+39 06 1234 5678'))).toEqual(['Pat 100% Sure']);
      const national = (typed: string, defaultCallingCode?: string) =>
        searchLeads(store, {
          orgId: ORG,
          viewer: managerActor,
          now,
          text: typed,
          ...(defaultCallingCode ? { defaultCallingCode } : {}),
        });
      expect(names(await national('020 7946 0958', '44'))).toEqual(['Zoë Ålander']);
      expect(names(await national('06 1234 5678', '39'))).toEqual(['Pat 100% Sure']);
      // Without a calling code nothing is guessed: the digits typed, which hold the trunk 0.
      expect(names(await national('020 7946 0958'))).toEqual([]);
    });

    it('ranks exact matches, then prefixes, then other substrings, each by name', async () => {
      const store = await given();
      // "alander" starts a word of Zoë's name but is inside Alan Smith's company: Zoë first, against name order.
      expect(names(await text(store, 'alander'))).toEqual(['Zoë Ålander', 'Alan Smith']);
      // Both start a word with "alan": by name.
      expect(names(await text(store, 'alan'))).toEqual(['Alan Smith', 'Zoë Ålander']);
      // The whole email of one, a prefix of the other's name word: the exact one first.
      expect(names(await text(store, 'alan@smith.example'))).toEqual(['Alan Smith']);
      expect(names(await text(store, 'jose nunez'))).toEqual(['José Núñez']);
    });

    // With 1 or 2 candidates instead of RANKED_CANDIDATES: the exact match and the first matches by name are
    // ranked; the others follow by name, prefix or not. Every page by cursor, across the cut, in that order.
    // (On SQLite 6 matches for 1 candidate are dense: the name index is walked; for 2, FTS5 finds them.)
    it('ranks every exact match and the first candidates by name, then the other matches by name', async () => {
      const scenario = new Scenario();
      const leadsNamed = ['Dora Kim', 'Ora', 'Zed Oracle', 'Bo Orange', 'Flora Fox', 'Cora Lee', 'Ann Other'];
      for (const [index, name] of leadsNamed.entries())
        scenario.on(`lead-${index}`, (leadId) => ({
          type: 'CreateLead',
          leadId,
          fields: { name, email: `lead${index}@example.com`, source: 'Website' },
        }));
      const store = await open();
      await prepareLive(store, [searchProjector]);
      await feed(store, [searchProjector], scenario.events, { batchSizes: [4] });
      const ranking = async (candidates: number, limit: number) => {
        const found: string[] = [];
        let after: string | undefined;
        do {
          const page = await searchLeadsRanking(
            store,
            { orgId: ORG, viewer: managerActor, now, text: 'ORA', limit, ...(after === undefined ? {} : { after }) },
            candidates,
          );
          found.push(...names(page));
          after = page.nextCursor ?? undefined;
        } while (after !== undefined);
        return found;
      };
      const ranked = ['Ora', 'Bo Orange', 'Zed Oracle', 'Cora Lee', 'Dora Kim', 'Flora Fox'];
      expect(await ranking(RANKED_CANDIDATES, 20)).toEqual(ranked);
      expect(await ranking(6, 2)).toEqual(ranked);
      const cut = ['Ora', 'Bo Orange', 'Cora Lee', 'Dora Kim', 'Flora Fox', 'Zed Oracle'];
      for (const limit of [1, 2, 3, 20]) {
        expect(await ranking(2, limit)).toEqual(cut);
        expect(await ranking(1, limit)).toEqual(cut);
      }
    });

    it('reads "%" and "_" as themselves', async () => {
      const store = await given();
      expect(names(await text(store, '100%'))).toEqual(['Pat 100% Sure']);
      expect(names(await text(store, 'd_ca'))).toEqual(['Pat 100% Sure']);
      expect(names(await text(store, 'l_nd'))).toEqual([]);
    });

    it('under 3 characters, finds a prefix of the name', async () => {
      const store = await given();
      expect(names(await text(store, 'ZO'))).toEqual(['Zoë Ålander']);
      expect(names(await text(store, 'a'))).toEqual(['Alan Smith']);
      expect(names(await text(store, 'la'))).toEqual([]);
    });

    it('pages by cursor in rank order, and keeps filters and visibility', async () => {
      const store = await given();
      const first = await text(store, 'lan', { limit: 1 });
      expect(names(first)).toEqual(['Alan Smith']);
      if (first.nextCursor === null) throw new Error('expected a second page');
      const second = await text(store, 'lan', { limit: 1, after: first.nextCursor });
      expect(names(second)).toEqual(['Zoë Ålander']);
      expect(second.nextCursor).toBeNull();
      expect(
        names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, text: 'lan', ownerId: UserId('bob') })),
      ).toEqual(['Zoë Ålander']);
      expect(
        names(await searchLeads(store, { orgId: ORG, viewer: repActor(UserId('alice')), now, text: 'lan' })),
      ).toEqual(['Alan Smith']); // unowned, so in her pool; Zoë is Bob's
    });
  });

  describe('search', () => {
    it('finds by case- and accent-insensitive prefix of the name or of any word, in one organisation, deleted leads left out', async () => {
      const store = await given();
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, name: 'zo' }))).toEqual([
        'Zoë Ålander',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, name: 'ALAN' }))).toEqual([
        'Alan Smith',
        'Zoë Ålander',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, name: 'nunez' }))).toEqual([
        'José Núñez',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, name: 'lander' }))).toEqual([]);
    });

    it('finds by email prefix in any case and by a run of phone digits', async () => {
      const store = await given();
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, email: 'ZOE@' }))).toEqual([
        'Zoë Ålander',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, phone: '7946-0958' }))).toEqual([
        'Zoë Ålander',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, phone: '+44 20' }))).toEqual([
        'Zoë Ålander',
      ]);
    });

    it('shows a rep only the leads they may see', async () => {
      const store = await given();
      expect(
        names(await searchLeads(store, { orgId: ORG, viewer: repActor(UserId('alice')), now, name: 'z' })),
      ).toEqual([]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: repActor(UserId('bob')), now, name: 'z' }))).toEqual([
        'Zoë Ålander',
      ]);
    });

    it('filters by source, owner, stage, client, rating and created range, alone, together or with text', async () => {
      const scenario = new Scenario()
        .on('ada', (leadId) => ({
          type: 'CreateLead',
          leadId,
          fields: { name: 'Ada', email: 'ada@example.com', source: 'Website', rating: 'hot' },
        }))
        .on('ada', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }))
        .on('bea', (leadId) => ({
          type: 'CreateLead',
          leadId,
          ownerId: UserId('bob'),
          fields: { name: 'Bea', email: 'bea@example.com', source: 'Referral', rating: 'warm' },
        }))
        .after(24 * 60)
        .on('cy', (leadId) => ({
          type: 'CreateLead',
          leadId,
          fields: { name: 'Cy Ada', email: 'cy@example.com', source: 'Website' },
        }))
        .on('cy', (leadId) => ({ type: 'ConvertToClient', leadId, clientId: ClientId('client-c'), mode: 'new' }))
        .on('bea', (leadId) => ({ type: 'UpdateLeadDetails', leadId, fields: { rating: 'hot' } }))
        .on('cy', (leadId) => ({ type: 'UpdateLeadDetails', leadId, fields: { rating: 'cold' } }));
      const store = await open();
      await prepareLive(store, [searchProjector]);
      await feed(store, [searchProjector], scenario.events, { batchSizes: [3] });
      const search = async (criteria: Omit<Parameters<typeof searchLeads>[1], 'orgId' | 'viewer' | 'now'>) =>
        names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, ...criteria }));
      const dayTwo = new Date(HISTORY_START.getTime() + 12 * 3_600_000);

      expect(await search({ source: 'Website' })).toEqual(['Ada', 'Cy Ada']);
      expect(await search({ ownerId: UserId('bob') })).toEqual(['Bea']);
      expect(await search({ stageId: StageId('CONTACTED') })).toEqual(['Ada']);
      expect(await search({ stageId: StageId('CONTACTED'), workflowId: WorkflowId('nope') })).toEqual([]);
      expect(await search({ clientId: ClientId('client-c') })).toEqual(['Cy Ada']);
      expect(await search({ rating: 'hot' })).toEqual(['Ada', 'Bea']);
      expect(await search({ rating: 'cold' })).toEqual(['Cy Ada']);
      expect(await search({ rating: 'warm' })).toEqual([]);
      expect(await search({ rating: 'hot', source: 'Referral' })).toEqual(['Bea']);
      expect(await search({ text: 'ada', rating: 'cold' })).toEqual(['Cy Ada']);
      expect(await search({ createdFrom: dayTwo })).toEqual(['Cy Ada']);
      expect(await search({ createdBefore: dayTwo })).toEqual(['Ada', 'Bea']);
      expect(await search({ createdFrom: HISTORY_START, createdBefore: dayTwo, source: 'Website' })).toEqual(['Ada']);
      // A wide range alone is read along the name index on SQLite (any range is wide at a threshold of 0).
      const walked = async (criteria: { createdFrom?: Date; createdBefore?: Date }, limit: number) => {
        const found: string[] = [];
        let after: string | undefined;
        do {
          const page = await searchLeadsRanking(
            store,
            { orgId: ORG, viewer: managerActor, now, ...criteria, limit, ...(after === undefined ? {} : { after }) },
            RANKED_CANDIDATES,
            0,
          );
          found.push(...names(page));
          after = page.nextCursor ?? undefined;
        } while (after !== undefined);
        return found;
      };
      expect(await walked({ createdFrom: dayTwo }, 20)).toEqual(['Cy Ada']);
      expect(await walked({ createdBefore: dayTwo }, 1)).toEqual(['Ada', 'Bea']);
      expect(await walked({ createdFrom: HISTORY_START }, 2)).toEqual(['Ada', 'Bea', 'Cy Ada']);
      expect(await search({ text: 'ada', source: 'Website' })).toEqual(['Ada', 'Cy Ada']);
      expect(await search({ text: 'ada', source: 'Referral' })).toEqual([]);
      expect(await search({ name: 'cy', stageId: StageId('CONTACTED') })).toEqual([]);
      await expect(search({ rating: 'tepid' as 'hot' })).rejects.toMatchObject({
        code: ReadModelErrorCode.InvalidArgument,
        field: 'rating',
        rule: 'one-of:hot,warm,cold',
      });
      await expect(search({ createdFrom: new Date('x') })).rejects.toMatchObject({
        code: ReadModelErrorCode.InvalidArgument,
        field: 'createdFrom',
      });
    });

    it('refuses a search without criteria or with too few phone digits', async () => {
      const store = await given();
      await expect(searchLeads(store, { orgId: ORG, viewer: managerActor, now })).rejects.toMatchObject({
        code: ReadModelErrorCode.InvalidArgument,
        field: 'text',
      });
      await expect(searchLeads(store, { orgId: ORG, viewer: managerActor, now, phone: '+4' })).rejects.toMatchObject({
        code: ReadModelErrorCode.InvalidArgument,
        field: 'phone',
      });
    });
  });
}
