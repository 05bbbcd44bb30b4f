// Projections fed from EventStoreDB (its protocol stand-in) with their checkpoints and leases in the
// read-model database: two leased runners share the work exactly as they do on the SQL stores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from '@jest/globals';
import { eventStoreDbTestFactory, targetLabel } from '@leadline/eventstoredb/testing';
import { expectLeasedRunnersShareWork, generateSeededHistory, seededSteps } from '@leadline/projections/testing';
import { openSqliteReadModelStore } from '@leadline/sqlite';

const folder = mkdtempSync(join(tmpdir(), 'leadline-esdb-leases-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it(`leased runners fed from EventStoreDB (${targetLabel()}) apply every event once`, async () => {
  const factory = eventStoreDbTestFactory();
  const eventStore = await factory.create();
  const file = join(folder, 'rm.db');
  const stores = [openSqliteReadModelStore({ file }), openSqliteReadModelStore({ file })] as const;
  const clean = openSqliteReadModelStore({ file: ':memory:' });
  try {
    await expectLeasedRunnersShareWork({
      eventStore,
      stores,
      clean,
      history: generateSeededHistory(300, seededSteps(8)),
    });
  } finally {
    await Promise.all([...stores, clean].map((store) => store.dispose()));
    await (factory.dispose?.(eventStore) ?? eventStore.dispose());
  }
}, 90_000);
