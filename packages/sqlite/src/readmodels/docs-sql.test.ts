// Every SQL sample of docs/read-models.md runs against read models kept in SQLite, and returns rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { createMemoryEventStore } from '@leadline/eventstore';
import { ALL_PROJECTORS, createProjectionRunner, leadsView } from '@leadline/projections';
import { appendHistory, generateSeededHistory, seededSteps, sqlSamples } from '@leadline/projections/testing';
import { openSqliteReadModelStore } from './sqlite-read-model-store.js';

const page = join(__dirname, '..', '..', '..', '..', 'docs', 'read-models.md');
const folder = mkdtempSync(join(tmpdir(), 'leadline-docs-sql-'));
const file = join(folder, 'readmodels.db');

beforeAll(async () => {
  const eventStore = createMemoryEventStore();
  await appendHistory(eventStore, generateSeededHistory(3000, seededSteps(5)));
  const store = openSqliteReadModelStore({ file });
  await createProjectionRunner({ eventStore, store, projectors: ALL_PROJECTORS }).catchUp();
  await store.dispose();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the SQL samples of docs/read-models.md on SQLite', () => {
  const samples = sqlSamples(page, 'sqlite');
  it('has samples', () => expect(samples.length).toBeGreaterThan(5));
  it.each(samples.map((sample): [number, string] => [sample.line, sample.code]))(
    'line %i runs and returns rows',
    (_line, sql) => {
      const db = new Database(file, { readonly: true });
      try {
        expect(db.prepare(sql).all().length).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    },
  );
});

describe('the leads view on SQLite', () => {
  it('has the documented columns and one row per live lead, merged and deleted leads left out', () => {
    const db = new Database(file, { readonly: true });
    try {
      const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
      expect(
        db
          .prepare('SELECT * FROM leads')
          .columns()
          .map((column) => column.name),
      ).toEqual(Object.keys(leadsView.columns));
      const live = count("SELECT count(*) AS n FROM pipeline_board_leads WHERE state = 'active'");
      expect(count('SELECT count(*) AS n FROM leads')).toBe(live);
      expect(count('SELECT count(DISTINCT lead_id) AS n FROM leads')).toBe(live);
      // The generated history merges and deletes leads: the view must have left some out.
      expect(count('SELECT count(*) AS n FROM pipeline_board_leads')).toBeGreaterThan(live);
      expect(count('SELECT count(*) AS n FROM leads WHERE stage IS NULL OR workflow IS NULL')).toBe(0);
    } finally {
      db.close();
    }
  });
});
