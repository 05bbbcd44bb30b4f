// A rebuild beside the live tables while the facade runs: every command's write is read back at once
// (workers.settled) before, during and after the switch, because the switch only happens once the
// rebuilt tables hold everything the live ones hold.
import { describe, expect, it } from '@jest/globals';
import { LeadId } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { ALL_PROJECTORS, rebuild, type ReadModelStore } from '@leadline/projections';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { acting, openWithOrganisation, owner } from '../intake/test-support/setup.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a rebuild beside the live tables while the facade runs', () => {
  it("keeps read-your-writes for the facade's own commands during the rebuild and after the switch", async () => {
    const store = createMemoryEventStore();
    const readModels = openSqliteReadModelStore({ file: ':memory:' });
    const { leadline } = await openWithOrganisation(store, { readModels });
    const create = async (name: string): Promise<void> => {
      await leadline.leads.create(
        { leadId: LeadId(name), fields: { name, email: `${name}@example.com`, source: 'Website' } },
        acting(),
      );
    };
    const found = async (name: string): Promise<boolean> =>
      (await leadline.queries.searchLeads({ viewer: owner, name })).items.some((hit) => hit.leadId === name);
    try {
      await leadline.workers.start();
      for (let index = 0; index < 60; index++) await create(`early${index}`);
      await leadline.workers.settled();
      // Each batch of the rebuild waits a little, so the facade's commands land while it runs.
      const slowed: ReadModelStore = {
        ...readModels,
        applyBatches: async (batches, fences) => {
          await pause(5);
          return readModels.applyBatches(batches, fences);
        },
      };
      let finished = false;
      const rebuilding = (): boolean => !finished;
      const rebuilt = rebuild({
        eventStore: store,
        store: slowed,
        projectors: ALL_PROJECTORS,
        bulkBatchSize: 40,
        batchSize: 20,
      }).finally(() => {
        finished = true;
      });
      const during: string[] = [];
      for (let index = 0; rebuilding() && index < 200; index++) {
        const name = `during${index}`;
        await create(name);
        await leadline.workers.settled();
        expect(await found(name)).toBe(true);
        if (rebuilding()) during.push(name);
      }
      await rebuilt;
      expect(during.length).toBeGreaterThan(0);
      await create('after');
      await leadline.workers.settled();
      for (const name of [...during, 'after', 'early0', 'early59']) expect(await found(name)).toBe(true);
      // The rebuilt tables are the version now: every projection is caught up on them.
      expect((await leadline.health()).projections.every((projection) => projection.lag === 0n)).toBe(true);
    } finally {
      await leadline.close();
      await readModels.dispose();
    }
  });
});
