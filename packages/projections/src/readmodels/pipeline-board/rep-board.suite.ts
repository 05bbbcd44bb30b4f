// A board's counts and sums, from the kept totals (per owner and recorded claim, corrected for a rep by
// their own claims and the pool's lapsed ones), equal the leads each viewer may see at any instant,
// counted one by one with the domain's rule.
import { describe, expect, it } from '@jest/globals';
import type { Actor, Money } from '@leadline/domain';
import { Permission } from '@leadline/domain';
import fc from 'fast-check';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { generateSeededHistory } from '../../testing/history/interpreter.js';
import { seededSteps } from '../../testing/history/steps.js';
import { managerActor, REPS, repActor, workflowIdOf, WORLD_ORGS } from '../../testing/history/world.js';
import { readModelDb } from '../database.js';
import { canViewRow } from '../shared/visibility.js';
import { pipelineBoardProjector } from './projector.js';
import { pipelineBoard } from './queries.js';

const viewers = (): Actor[] =>
  REPS.flatMap((rep) => [
    repActor(rep),
    { ...repActor(rep), permissions: [Permission.ViewLeads, Permission.EditLeads] },
    { ...repActor(rep), permissions: [] },
  ]).concat([managerActor]);

/** Per stage: how many leads and their values per currency, sorted, as a board reports them. */
type Counted = Record<string, { count: number; value: Money[] }>;

export function describeRepBoardTotals(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  describe("a rep's pipeline board", () => {
    it('counts and sums exactly the leads the viewer may see, from the kept totals and the claims', async () => {
      const store = await open();
      await prepareLive(store, [pipelineBoardProjector]);
      await feed(store, [pipelineBoardProjector], generateSeededHistory(2500, seededSteps(23)), { batchSizes: [50] });
      const orgId = WORLD_ORGS[0];
      const rows = await readModelDb(store)
        .selectFrom('pipeline_board_leads')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('state', '=', 'active')
        .execute();
      const expiries = rows.flatMap((row) => (row.claim_expires_at === null ? [] : [Date.parse(row.claim_expires_at)]));
      expect(expiries.length).toBeGreaterThan(3);
      // Instants around claims' expiries (just before, at, just after) and anywhere in the history.
      const instants = fc.oneof(
        fc.tuple(fc.constantFrom(...expiries), fc.constantFrom(-1, 0, 1)).map(([at, shift]) => new Date(at + shift)),
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-04-01T00:00:00Z'), noInvalidDate: true }),
      );
      for (const workflowId of [workflowIdOf(orgId, 0), workflowIdOf(orgId, 1)]) {
        await fc.assert(
          fc.asyncProperty(instants, fc.constantFrom(...viewers()), async (now, viewer) => {
            const board = await pipelineBoard(store, { orgId, workflowId, viewer, now, leadsPerStage: 0 });
            const expected: Counted = {};
            for (const row of rows) {
              if (row.workflow_id !== workflowId || !canViewRow(viewer, row, now)) continue;
              const stage = (expected[row.stage_id] ??= { count: 0, value: [] });
              stage.count += 1;
              if (row.currency === null || row.estimated_value_minor === null) continue;
              const money = stage.value.find((found) => found.currency === row.currency);
              if (money === undefined)
                stage.value.push({ currency: row.currency, amountMinor: row.estimated_value_minor });
              else
                stage.value[stage.value.indexOf(money)] = {
                  ...money,
                  amountMinor: money.amountMinor + row.estimated_value_minor,
                };
            }
            const reported: Counted = {};
            for (const stage of board?.stages ?? [])
              if (stage.count > 0) reported[stage.stageId] = { count: stage.count, value: [...stage.value] };
            const sorted = (counted: Counted) =>
              Object.fromEntries(
                Object.entries(counted).map(([stage, { count, value }]) => [
                  stage,
                  { count, value: [...value].sort((a, b) => a.currency.localeCompare(b.currency)) },
                ]),
              );
            expect(sorted(reported)).toEqual(sorted(expected));
          }),
          { numRuns: 40 },
        );
      }
    }, 120_000);
  });
}
