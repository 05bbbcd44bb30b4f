// Keyset paging specified once for every SQL store: walking a list page by page with its cursors gives
// exactly the list read as one page, in the same order, for any page size; a foreign cursor is refused.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { claimPool, workQueue } from '../readmodels/claims/queries.js';
import { clientLeads } from '../readmodels/pipeline-board/client-leads.js';
import { boardStageLeads } from '../readmodels/pipeline-board/queries.js';
import { readModelDb } from '../readmodels/database.js';
import { searchLeads } from '../readmodels/search/queries.js';
import type { Page } from '../sql/page.js';
import { MAX_PAGE_SIZE } from '../sql/page.js';
import { ReadModelErrorCode } from '../store/errors.js';
import type { ReadModelStore } from '../store/port.js';
import type { ReadModelStoreFactory } from './factory.js';
import { storesFrom } from './factory.js';
import type { HotQueryContext } from './plans.js';
import { seedForPlans } from './plans.js';

type Lister = (
  store: ReadModelStore,
  context: HotQueryContext,
  limit: number,
  after?: string,
) => Promise<Page<{ readonly leadId: string }>>;

const after = (cursor: string | undefined) => (cursor === undefined ? {} : { after: cursor });

const LISTS: Record<string, Lister> = {
  'a board stage': async (store, context, limit, cursor) =>
    (await boardStageLeads(store, {
      orgId: context.orgId,
      viewer: context.manager,
      now: context.now,
      stageId: context.stageId,
      limit,
      ...after(cursor),
    })) ?? { items: [], nextCursor: null },
  'a work queue': (store, context, limit, cursor) =>
    workQueue(store, {
      orgId: context.orgId,
      ownerId: context.ownerId,
      viewer: context.manager,
      now: context.now,
      limit,
      ...after(cursor),
    }),
  "a client's leads": (store, context, limit, cursor) =>
    clientLeads(store, {
      orgId: context.orgId,
      clientId: context.clientId,
      viewer: context.manager,
      now: context.now,
      limit,
      ...after(cursor),
    }),
  'the claim pool': (store, context, limit, cursor) =>
    claimPool(store, { orgId: context.orgId, now: context.now, limit, ...after(cursor) }),
  'a search': (store, context, limit, cursor) =>
    searchLeads(store, {
      orgId: context.orgId,
      viewer: context.rep,
      now: context.now,
      name: 'a',
      limit,
      ...after(cursor),
    }),
};

async function walk(list: Lister, store: ReadModelStore, context: HotQueryContext, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await list(store, context, limit, cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((item) => item.leadId));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
}

export function describeKeysetPaging(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);
  describe('keyset paging', () => {
    it('walks every list page by page to exactly the list read as one page, for any page size', async () => {
      const store = await open();
      const context = await seedForPlans(store, 1500);
      for (const [name, list] of Object.entries(LISTS)) {
        const whole = (await list(store, context, MAX_PAGE_SIZE)).items.map((item) => item.leadId);
        expect({ name, more: whole.length > 3 }).toEqual({ name, more: true });
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 1, max: 9 }), async (limit) => {
            expect({ name, limit, ids: await walk(list, store, context, limit) }).toEqual({ name, limit, ids: whole });
          }),
          { numRuns: 4 },
        );
      }
    }, 60_000);

    it("lists a client's live leads by name, all of them for a manager", async () => {
      const store = await open();
      const context = await seedForPlans(store, 1500);
      const expected = await readModelDb(store)
        .selectFrom('pipeline_board_leads')
        .select('lead_id')
        .where('org_id', '=', context.orgId)
        .where('client_id', '=', context.clientId)
        .where('state', '=', 'active')
        .orderBy('name')
        .orderBy('lead_id')
        .execute();
      const listed = await clientLeads(store, {
        orgId: context.orgId,
        clientId: context.clientId,
        viewer: context.manager,
        now: context.now,
      });
      expect(listed.items.map((lead) => lead.leadId)).toEqual(expected.map((row) => row.lead_id));
      expect(expected.length).toBeGreaterThan(1);
    });

    it('refuses a cursor it did not give and a page size out of range, naming the field', async () => {
      const store = await open();
      const context = await seedForPlans(store, 200);
      const list = LISTS['the claim pool'];
      if (list === undefined) throw new Error('no pool');
      for (const cursor of [
        'not-a-cursor',
        Buffer.from('[1]').toString('base64url'),
        Buffer.from('[{},1]').toString('base64url'),
      ])
        await expect(list(store, context, 5, cursor)).rejects.toMatchObject({
          code: ReadModelErrorCode.InvalidArgument,
          field: 'after',
          rule: 'cursor',
        });
      for (const limit of [0, -1, 1.5, MAX_PAGE_SIZE + 1])
        await expect(list(store, context, limit)).rejects.toMatchObject({
          code: ReadModelErrorCode.InvalidArgument,
          field: 'limit',
        });
    });
  });
}
