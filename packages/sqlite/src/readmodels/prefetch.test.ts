import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@leadline/eventstore';
import type { ProjectedEvent, Projector } from '@leadline/projections';
import { ColumnType, createTableSql, defineTable, quote } from '@leadline/projections';
import { Scenario } from '@leadline/projections/testing';
import { sqliteDialect } from './dialect.js';
import { prefetchRows } from './prefetch.js';

const stages = defineTable({
  name: 'stages',
  description: 'Stages by workflow.',
  columns: {
    workflow_id: [ColumnType.Text, false, 'Workflow.'],
    stage_id: [ColumnType.Text, false, 'Stage.'],
  },
  primaryKey: ['workflow_id', 'stage_id'],
});

const projector: Projector = {
  name: 'prefixes',
  version: 1,
  handles: ['WorkflowCreated'],
  tables: [stages],
  prefetch: () => [{ table: 'stages', key: ['w1'] }],
  apply: () => undefined,
};

describe('prefetchRows', () => {
  it('loads every row under a key prefix and reports the prefix as loaded', () => {
    const db = new Database(':memory:');
    const physical = quote('stages_v1');
    for (const sql of createTableSql(sqliteDialect, physical, stages, '_v1')) db.exec(sql);
    const insert = db.prepare(`INSERT INTO ${physical} VALUES (?, ?, 1)`);
    for (const [workflow, stage] of [
      ['w1', 'a'],
      ['w1', 'b'],
      ['w2', 'a'],
    ])
      insert.run(workflow, stage);
    const created = (event: RecordedEvent): event is ProjectedEvent => event.type === 'WorkflowCreated';
    const events = new Scenario().events.filter(created).slice(0, 1);
    const loaded = prefetchRows(
      (sql) => db.prepare(sql),
      () => physical,
      { projector, events, checkpoint: 2n },
    );
    expect([...(loaded.rows.get('stages')?.keys() ?? [])].sort()).toEqual(['w1\u0000a', 'w1\u0000b']);
    expect(loaded.prefixes.get('stages')).toEqual(new Set(['w1']));
  });
});
