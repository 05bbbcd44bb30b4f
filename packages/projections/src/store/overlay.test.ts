import { describe, expect, it } from '@jest/globals';
import { BatchOverlay } from './overlay.js';
import { ColumnType, defineTable } from './schema.js';

const stages = defineTable({
  name: 'stages',
  description: 'Stages by workflow.',
  columns: {
    workflow_id: [ColumnType.Text, false, 'Workflow.'],
    stage_id: [ColumnType.Text, false, 'Stage.'],
    name: [ColumnType.Text, false, 'Name.'],
  },
  primaryKey: ['workflow_id', 'stage_id'],
});

const stored = { workflow_id: 'w1', stage_id: 's1', name: 'New', last_position: 1 };

/** An overlay without a base reader (as PostgreSQL's), given every stage of w1. */
const overlayWithPrefix = () =>
  new BatchOverlay(
    [stages],
    undefined,
    new Map([['stages', new Map([['w1\u0000s1', stored]])]]),
    false,
    new Map([['stages', new Set(['w1'])]]),
  );

describe('BatchOverlay with rows loaded by key prefix', () => {
  it('patches the loaded rows in memory and knows the rows it did not find under the prefix are absent', () => {
    const overlay = overlayWithPrefix();
    overlay.at(5n);
    overlay.tx.patch('stages', ['w1', 's1'], { name: 'Renamed' });
    overlay.tx.patch('stages', ['w1', 'gone'], { name: 'Nothing' });
    expect(overlay.tx.get('stages', ['w1', 'gone'])).toBeUndefined();
    const { pending, rows } = overlay.result();
    expect(pending).toEqual([]);
    expect(rows.get(stages)).toEqual([{ ...stored, name: 'Renamed', last_position: 5 }]);
  });

  it('still leaves a row under another prefix to the store', () => {
    const overlay = overlayWithPrefix();
    overlay.at(5n);
    overlay.tx.patch('stages', ['w2', 's1'], { name: 'Elsewhere' });
    expect(overlay.result().pending).toEqual([expect.objectContaining({ kind: 'patch', key: ['w2', 's1'] })]);
    expect(() => overlay.tx.get('stages', ['w2', 's1'])).toThrow(/prefetch/);
  });
});
