import { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ColumnType, createTableSql, defineTable, quote, rowFromSql } from '@leadline/projections';
import { describeWithPostgres, postgresTestUrl, uniqueSchemaName } from '../testing/index.js';
import { postgresDialect } from './dialect.js';
import { unnestUpsert } from './upsert.js';

const table = defineTable({
  name: 'awkward',
  description: 'Values that array literals must escape.',
  columns: {
    id: [ColumnType.Text, false, 'Key.'],
    label: [ColumnType.Text, true, 'Text.'],
    flag: [ColumnType.Boolean, true, 'Boolean.'],
    amount: [ColumnType.Real, true, 'Real.'],
    at: [ColumnType.Timestamp, true, 'Instant.'],
  },
  primaryKey: ['id'],
});

describeWithPostgres('unnestUpsert', () => {
  let pool: Pool;
  const schema = uniqueSchemaName('leadline_upsert');
  const physical = `${quote(schema)}.${quote('awkward_v1')}`;
  beforeAll(async () => {
    pool = new Pool({ connectionString: postgresTestUrl(), max: 1 });
    await pool.query(`CREATE SCHEMA ${quote(schema)}`);
    for (const sql of createTableSql(postgresDialect, physical, table, '_v1')) await pool.query(sql);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`);
    await pool.end();
  });

  it('round-trips quotes, backslashes, braces, commas, the word NULL, nulls and unicode', async () => {
    const rows = [
      {
        id: 'a"b',
        label: 'back\\slash, {brace} "quote"',
        flag: true,
        amount: 1.5,
        at: '2026-03-01T09:00:00.000Z',
        last_position: 1,
      },
      { id: 'NULL', label: 'NULL', flag: false, amount: null, at: null, last_position: 2 },
      { id: 'zoë', label: null, flag: null, amount: -0.25, at: '2026-03-01T09:00:00.123Z', last_position: 3 },
    ];
    const upsert = unnestUpsert(physical, table, rows);
    await pool.query(upsert.sql, upsert.params);
    const stored = (await pool.query(`SELECT * FROM ${physical} ORDER BY last_position`)).rows.map(
      (raw: Record<string, unknown>) => rowFromSql(postgresDialect, table, raw),
    );
    expect(stored).toEqual(rows);
  });

  it('leaves a row changed by a later event alone', async () => {
    const later = { id: 'k', label: 'later', flag: null, amount: null, at: null, last_position: 9 };
    await pool.query(unnestUpsert(physical, table, [later]).sql, unnestUpsert(physical, table, [later]).params);
    const earlier = unnestUpsert(physical, table, [{ ...later, label: 'earlier', last_position: 5 }]);
    await pool.query(earlier.sql, earlier.params);
    expect((await pool.query(`SELECT label FROM ${physical} WHERE id = 'k'`)).rows).toEqual([{ label: 'later' }]);
  });
});
