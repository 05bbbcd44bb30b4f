import { describe, expect, it } from '@jest/globals';
import { changedRow, emptyRow } from './row-shape.js';
import { ColumnType, defineTable } from './schema.js';

const table = defineTable({
  name: 'shapes',
  description: 'A table for row shapes.',
  columns: {
    id: [ColumnType.Text, false, 'Key.'],
    label: [ColumnType.Text, true, 'Text.'],
  },
  primaryKey: ['id'],
});

describe('row shapes', () => {
  it('gives a new row with every column null, in column order, each time a fresh object', () => {
    const row = emptyRow(table);
    expect(Object.entries(row)).toEqual([
      ['id', null],
      ['label', null],
      ['last_position', null],
    ]);
    row['id'] = 'a';
    expect(emptyRow(table)['id']).toBeNull();
  });

  it('copies a row with some columns changed and leaves the original alone', () => {
    const row = { ...emptyRow(table), id: 'a', label: 'before', last_position: 1 };
    const copy = changedRow(row, { label: 'after' });
    expect(copy).toEqual({ id: 'a', label: 'after', last_position: 1 });
    expect(row['label']).toBe('before');
  });
});
