import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { describeEventStoreConformance } from '@leadline/eventstore/testing';
import { openSqliteEventStore } from './open-sqlite-event-store.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-sqlite-conformance-'));
let files = 0;
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeEventStoreConformance('SQLite event store', {
  create: async (options) =>
    openSqliteEventStore({ file: join(folder, `store-${++files}.db`), durability: 'normal', ...options }),
  capabilities: { numRunsScale: 0.5 },
});
