import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { describeKeyedSealing } from '@leadline/eventstore/testing';
import { openSqliteEventStore } from '../eventstore/open-sqlite-event-store.js';
import { openSqliteKeyStore } from './sqlite-key-store.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-sqlite-keys-'));
let files = 0;
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeKeyedSealing('SQLite (events and keys in one file)', {
  keyedAppend: true,
  open() {
    const file = join(folder, `store-${++files}.db`);
    const events = openSqliteEventStore({ file, durability: 'normal' });
    const keys = openSqliteKeyStore({ file });
    return Promise.resolve({
      events,
      keys,
      async dispose() {
        await events.dispose();
        keys.close();
      },
    });
  },
});
