import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import { ColumnType, createTableSql, defineTable, quote } from '@leadline/projections';
import { sqliteDialect } from './dialect.js';
import { ROWS_PER_INSERT, tableUpsert } from './upsert.js';

const table = defineTable({
  name: 'written',
  description: 'Rows written in chunks.',
  columns: {
    id: [ColumnType.Text, false, 'Key.'],
    label: [ColumnType.Text, true, 'Text.'],
    flag: [ColumnType.Boolean, true, 'Boolean.'],
  },
  primaryKey: ['id'],
});

function open(): { db: Database.Database; physical: string } {
  const db = new Database(':memory:');
  const physical = quote('written_v1');
  for (const sql of createTableSql(sqliteDialect, physical, table, '_v1')) db.exec(sql);
  return { db, physical };
}

const row = (index: number, position: number) => ({
  id: `row-${index}`,
  label: `label ${index} at ${position}`,
  flag: index % 2 === 0,
  last_position: position,
});

describe('tableUpsert', () => {
  it('writes full chunks and the rows left over, booleans as 0/1', () => {
    const { db, physical } = open();
    const count = ROWS_PER_INSERT * 2 + 3;
    tableUpsert(db, physical, table).write(Array.from({ length: count }, (_, index) => row(index, 1)));
    expect(db.prepare(`SELECT COUNT(*) AS n FROM ${physical}`).get()).toEqual({ n: count });
    expect(db.prepare(`SELECT * FROM ${physical} WHERE id = ?`).get(`row-${count - 1}`)).toEqual({
      id: `row-${count - 1}`,
      label: `label ${count - 1} at 1`,
      flag: 1,
      last_position: 1,
    });
    expect(db.prepare(`SELECT flag FROM ${physical} WHERE id = ?`).get(`row-${count - 2}`)).toEqual({ flag: 0 });
  });

  it('replaces a stored row only from the same or a later position', () => {
    const { db, physical } = open();
    const upsert = tableUpsert(db, physical, table);
    upsert.write([row(1, 5), row(2, 5)]);
    upsert.write([row(1, 4), row(2, 6)]);
    expect(db.prepare(`SELECT id, label FROM ${physical} ORDER BY id`).all()).toEqual([
      { id: 'row-1', label: 'label 1 at 5' },
      { id: 'row-2', label: 'label 2 at 6' },
    ]);
  });
});

describe('tableUpsert with rows whose keys are not the columns in order', () => {
  it('writes each value to its own column', () => {
    const { db, physical } = open();
    const reordered = { last_position: 3, flag: true, label: 'reordered', id: 'r' };
    const extra = { id: 'x', label: 'extra', flag: false, last_position: 3, unknown: 'ignored' };
    const missing = { id: 'm', last_position: 3 };
    tableUpsert(db, physical, table).write([reordered, extra, missing]);
    expect(db.prepare(`SELECT * FROM ${physical} ORDER BY id`).all()).toEqual([
      { id: 'm', label: null, flag: null, last_position: 3 },
      { id: 'r', label: 'reordered', flag: 1, last_position: 3 },
      { id: 'x', label: 'extra', flag: 0, last_position: 3 },
    ]);
  });
});
