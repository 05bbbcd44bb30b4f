// Two leased projection runners on one SQLite file, as two processes on one machine would be.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { expectLeasedRunnersShareWork, generateSeededHistory, seededSteps } from '@leadline/projections/testing';
import { openSqliteReadModelStore } from './sqlite-read-model-store.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-leases-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it('split the projections, hand them over on stop, and apply every event once', async () => {
  const file = join(folder, 'rm.db');
  const stores = [openSqliteReadModelStore({ file }), openSqliteReadModelStore({ file })] as const;
  const clean = openSqliteReadModelStore({ file: ':memory:' });
  await expectLeasedRunnersShareWork({
    eventStore: createMemoryEventStore(),
    stores,
    clean,
    history: generateSeededHistory(600, seededSteps(5)),
  });
  await Promise.all([...stores, clean].map((store) => store.dispose()));
}, 60_000);
