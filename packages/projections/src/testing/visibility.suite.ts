// The visibility and claim rules as SQL (visibleTo, claimHolds) select exactly the rows the domain's
// rules (canViewLead through canViewRow, liveClaimant) accept, for every kind of viewer and any instant.
import { describe, expect, it } from '@jest/globals';
import type { Actor } from '@leadline/domain';
import { Permission } from '@leadline/domain';
import fc from 'fast-check';
import { readModelDb } from '../readmodels/database.js';
import { canViewRow, liveClaimant } from '../readmodels/shared/visibility.js';
import { claimHolds, visibleTo } from '../readmodels/shared/visibility-sql.js';
import type { ReadModelStoreFactory } from './factory.js';
import { storesFrom } from './factory.js';
import { seedForPlans } from './plans.js';
import { managerActor, REPS, repActor } from './history/world.js';

const viewers = (): Actor[] => {
  const rep = repActor(REPS[1] ?? managerActor.userId);
  return [
    managerActor,
    rep,
    { ...rep, permissions: [Permission.ViewLeads, Permission.EditLeads, Permission.CreateLeads] },
    { ...rep, permissions: [] },
  ];
};

export function describeVisibilityInSql(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);
  describe('visibility in SQL', () => {
    it('selects exactly the leads canViewLead lets each viewer see, and the claims that hold, at any instant', async () => {
      const store = await open();
      const context = await seedForPlans(store, 1500);
      const rows = await readModelDb(store)
        .selectFrom('pipeline_board_leads')
        .selectAll()
        .where('org_id', '=', context.orgId)
        .orderBy('lead_id')
        .execute();
      const instants = fc.date({
        min: new Date('2026-01-01T00:00:00Z'),
        max: new Date('2026-04-01T00:00:00Z'),
        noInvalidDate: true,
      });
      await fc.assert(
        fc.asyncProperty(instants, fc.constantFrom(...viewers()), async (now, viewer) => {
          let selected = readModelDb(store)
            .selectFrom('pipeline_board_leads')
            .select('lead_id')
            .where('org_id', '=', context.orgId);
          const visible = visibleTo(viewer, now);
          if (visible !== null) selected = selected.where(visible);
          const inSql = (await selected.orderBy('lead_id').execute()).map((row) => row.lead_id);
          expect(inSql).toEqual(rows.filter((row) => canViewRow(viewer, row, now)).map((row) => row.lead_id));
          const held = await readModelDb(store)
            .selectFrom('pipeline_board_leads')
            .select('lead_id')
            .where('org_id', '=', context.orgId)
            .where(claimHolds(now))
            .orderBy('lead_id')
            .execute();
          expect(held.map((row) => row.lead_id)).toEqual(
            rows.filter((row) => liveClaimant(row, now) !== null).map((row) => row.lead_id),
          );
        }),
        { numRuns: 25 },
      );
    }, 60_000);
  });
}
