// The read-model conformance suite and every query's specification, on SQLite :memory: (the in-memory
// mode) and on a file, so both give the same answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from '@jest/globals';
import type { ReadModelStoreFactory } from '@leadline/projections/testing';
import { describeReadModelQueries, describeReadModelStoreConformance } from '@leadline/projections/testing';
import { openSqliteReadModelStore } from './sqlite-read-model-store.js';

const inMemory: ReadModelStoreFactory = async () => openSqliteReadModelStore({ file: ':memory:' });

const folder = mkdtempSync(join(tmpdir(), 'leadline-rm-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const onFile: ReadModelStoreFactory = async () => openSqliteReadModelStore({ file: join(folder, `rm-${++files}.db`) });

describeReadModelStoreConformance('sqlite :memory:', inMemory, { runs: 10 });
describeReadModelStoreConformance('sqlite file', onFile, { runs: 3, reference: inMemory });

for (const [name, factory] of [
  [':memory:', inMemory],
  ['file', onFile],
] as const) {
  describe(`SQLite ${name}`, () => {
    describeReadModelQueries(factory);
  });
}
