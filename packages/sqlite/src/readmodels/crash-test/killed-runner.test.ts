import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import {
  appendHistory,
  expectKilledRunnerRecovers,
  generateSeededHistory,
  seededSteps,
} from '@leadline/projections/testing';
import { openSqliteEventStore } from '../../eventstore/index.js';
import { openSqliteReadModelStore } from '../sqlite-read-model-store.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-sqlite-readmodels-kill-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('SQLite read models, runner killed mid-batch', () => {
  it.each([
    ['a file of their own', 'events.db', 'readmodels.db'],
    ["the event store's own file", 'shared.db', 'shared.db'],
  ])(
    'recover to a clean rebuild when the read models live in %s',
    async (_, eventsName, readModelsName) => {
      const eventsFile = join(folder, eventsName);
      const readModelsFile = join(folder, readModelsName);
      const eventStore = openSqliteEventStore({ file: eventsFile, durability: 'off' });
      await appendHistory(eventStore, generateSeededHistory(2400, seededSteps(11)));
      await expectKilledRunnerRecovers(
        {
          script: join(__dirname, 'stalling-runner.ts'),
          cwd: join(__dirname, '..', '..', '..'),
          args: [eventsFile, readModelsFile],
          eventStore,
          openStore: async () => openSqliteReadModelStore({ file: readModelsFile }),
          openCleanStore: async () => openSqliteReadModelStore({ file: ':memory:' }),
        },
        [700n, 1900n],
      );
      await eventStore.dispose();
    },
    120_000,
  );
});
