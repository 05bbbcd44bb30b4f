import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '@leadline/eventstore';
import { collect, testMetadata } from '@leadline/eventstore/testing';
import { openSqliteEventStore } from '../open-sqlite-event-store.js';
import { migrate, schemaVersion } from './migrate.js';
import { SQLITE_EVENT_STORE_SCHEMA_VERSION, sqliteEventStoreMigrations } from './migrations.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-sqlite-migrate-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const fileNamed = (name: string): string => join(folder, `${name}.db`);

const appliedVersions = (file: string): number[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
  } finally {
    db.close();
  }
};

describe('SQLite event store schema migrations', () => {
  it('creates the whole schema in a new file', async () => {
    const file = fileNamed('new');
    await openSqliteEventStore({ file }).dispose();
    expect(appliedVersions(file)).toEqual(sqliteEventStoreMigrations.map((migration) => migration.version));
    expect(SQLITE_EVENT_STORE_SCHEMA_VERSION).toBe(sqliteEventStoreMigrations.length);
  });

  it('migrates a file written with the first schema, keeping its events, and the store then works', async () => {
    const file = fileNamed('version-1');
    const old = new Database(file);
    migrate(old, sqliteEventStoreMigrations, 1);
    expect(schemaVersion(old)).toBe(1);
    // What a version-1 store wrote: events only, no tombstone table yet.
    old
      .prepare('INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        'lead-1',
        0,
        '0d8f3c3e-4b52-4c1e-8d7e-0b9b2b0a1c01',
        'LeadCreated',
        '{"name":"Ada"}',
        JSON.stringify(testMetadata),
      );
    expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'stream_tombstones'").pluck().get()).toBe(0);
    old.close();

    const store = openSqliteEventStore({ file });
    try {
      expect(
        (await collect(store.readStream('lead-1'))).map(({ type, data, revision, position }) => ({
          type,
          data,
          revision,
          position,
        })),
      ).toEqual([{ type: 'LeadCreated', data: { name: 'Ada' }, revision: 0n, position: 1n }]);
      await store.append('lead-1', [{ type: 'NoteLogged', data: {}, metadata: testMetadata }], {
        expectedRevision: 0n,
      });
      await store.deleteStream('lead-1');
      expect(await store.headPosition()).toBe(2n);
    } finally {
      await store.dispose();
    }
    expect(appliedVersions(file)).toEqual([1, 2]);
  });

  it('does nothing when the file is already current, however often it is opened', async () => {
    const file = fileNamed('twice');
    await openSqliteEventStore({ file }).dispose();
    await openSqliteEventStore({ file }).dispose();
    const first = openSqliteEventStore({ file });
    const second = openSqliteEventStore({ file });
    await Promise.all([first.dispose(), second.dispose()]);
    expect(appliedVersions(file)).toEqual([1, 2]);
  });

  it('refuses a file written by a newer version instead of misreading it', async () => {
    const file = fileNamed('newer');
    await openSqliteEventStore({ file }).dispose();
    const db = new Database(file);
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', '2030-01-01')",
    ).run();
    db.close();
    expect(() => openSqliteEventStore({ file })).toThrow(StoreUnavailableError);
    expect(() => openSqliteEventStore({ file })).toThrow(/schema version 99/);
  });
});
