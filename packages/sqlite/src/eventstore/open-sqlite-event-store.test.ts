import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { InvalidArgumentError, StoreUnavailableError } from '@leadline/eventstore';
import { anEvent, collect, rejectionOf } from '@leadline/eventstore/testing';
import { sqliteSynchronousSetting, type SqliteDurability } from './durability.js';
import { openSqliteEventStore, type SqliteEventStoreOptions } from './open-sqlite-event-store.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-sqlite-open-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function captured(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('openSqliteEventStore', () => {
  it.each<[string, SqliteEventStoreOptions, string]>([
    ['an empty file name', { file: '' }, 'file'],
    ['an unknown durability', { file: join(folder, 'x.db'), durability: 'fsync' as SqliteDurability }, 'durability'],
    ['a poll interval of 0', { file: join(folder, 'x.db'), pollIntervalMs: 0 }, 'pollIntervalMs'],
    ['a fractional busy timeout', { file: join(folder, 'x.db'), busyTimeoutMs: 1.5 }, 'busyTimeoutMs'],
  ])('rejects %s with InvalidArgumentError naming the field', (_label, options, field) => {
    const error = captured(() => openSqliteEventStore(options));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ field });
  });

  it('fails with StoreUnavailableError when the file cannot be opened', () => {
    expect(() => openSqliteEventStore({ file: join(folder, 'missing-folder', 'store.db') })).toThrow(
      StoreUnavailableError,
    );
  });

  it.each(Object.entries(sqliteSynchronousSetting))(
    'opens in WAL mode with durability %s (synchronous %s) and keeps what it appended',
    async (durability) => {
      const file = join(folder, `durability-${durability}.db`);
      const store = openSqliteEventStore({ file, durability: durability as SqliteDurability });
      await store.append('lead-1', [anEvent('A', { n: 1 })]);
      await store.dispose();
      const db = new Database(file);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      const reopened = openSqliteEventStore({ file, durability: durability as SqliteDurability });
      expect((await collect(reopened.readStream('lead-1'))).map((event) => event.data)).toEqual([{ n: 1 }]);
      await reopened.dispose();
    },
  );

  it('rejects event data that JSON cannot carry, writing nothing', async () => {
    const store = openSqliteEventStore({ file: join(folder, 'json.db') });
    try {
      // A cycle (bigint is another case, but the test setup teaches JSON to print bigints).
      const cyclic: { self?: unknown } = {};
      cyclic.self = cyclic;
      const error = await rejectionOf(() => store.append('lead-1', [anEvent('A', cyclic)]));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error).toMatchObject({ field: 'events[0].data', rule: 'JSON' });
      expect(await store.headPosition()).toBe(0n);
    } finally {
      await store.dispose();
    }
  });
});
