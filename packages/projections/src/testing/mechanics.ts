// Store mechanics every read-model store must get right, with a probe projector whose rows a test
// controls: typed values round-trip, the query language, atomic batches, checkpoints, live versions.
import { describe, expect, it } from '@jest/globals';
import type { LeadId, NoteId } from '@leadline/domain';
import type { ProjectedEvent, Projector } from '../projector/projector.js';
import { ReadModelErrorCode } from '../store/errors.js';
import type { Query } from '../store/query.js';
import {
  contains,
  endsWith,
  eq,
  gt,
  gte,
  isIn,
  isNull,
  lt,
  lte,
  ne,
  notNull,
  runQuery,
  startsWith,
} from '../store/query.js';
import type { Row } from '../store/schema.js';
import { ColumnType, defineTable } from '../store/schema.js';
import type { ReadModelStoreFactory } from './factory.js';

const probeTable = defineTable({
  name: 'probe_items',
  description: 'Rows a test writes through events.',
  columns: {
    id: [ColumnType.Text, false, 'Key.'],
    label: [ColumnType.Text, true, 'Text.'],
    n: [ColumnType.Integer, true, 'Whole number.'],
    score: [ColumnType.Real, true, 'Real number.'],
    flag: [ColumnType.Boolean, true, 'Boolean.'],
    at: [ColumnType.Timestamp, true, 'Instant.'],
  },
  primaryKey: ['id'],
  indexes: { label: ['label'] },
});

/** Each NoteLogged's text is a JSON row to upsert; the text "fail" makes the handler throw. */
export const probeProjector = (version = 1): Projector => ({
  name: 'probe',
  version,
  handles: ['NoteLogged'],
  tables: [probeTable],
  apply(event, tx) {
    if (event.type !== 'NoteLogged') return;
    if (event.data.text === 'fail') throw new Error('probe failure');
    tx.upsert(probeTable.name, JSON.parse(event.data.text) as Row);
  },
});

let position = 0n;
export const probeEvent = (row: Row | 'fail'): ProjectedEvent => {
  position += 1n;
  return {
    eventId: `probe-${position}`,
    type: 'NoteLogged',
    data: {
      leadId: 'lead' as LeadId,
      noteId: 'note' as NoteId,
      text: row === 'fail' ? 'fail' : JSON.stringify(row),
      outcome: null,
    },
    metadata: {
      orgId: 'org',
      actorId: 'probe',
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
    },
    streamName: 'lead-probe',
    revision: position - 1n,
    position,
  };
};

const ROWS: Row[] = [
  { id: 'a', label: 'Zoë Ålander', n: 3, score: 1.5, flag: true, at: '2026-01-02T03:04:05.678Z' },
  { id: 'b', label: 'zoe', n: -2, score: null, flag: false, at: null },
  { id: 'c', label: null, n: null, score: 0.25, flag: null, at: '2025-12-31T23:59:59.999Z' },
  { id: 'd', label: '100%_done', n: 9_007_199_254, score: -3, flag: true, at: '2026-06-01T00:00:00.000Z' },
  { id: 'e', label: 'Ana', n: 3, score: 2, flag: false, at: '2026-01-02T03:04:05.678Z' },
];

const QUERIES: Query[] = [
  {},
  { where: [eq('n', 3)], orderBy: [{ column: 'id', direction: 'desc' }] },
  { where: [ne('label', 'zoe')], orderBy: [{ column: 'id' }] },
  { where: [gt('n', 0), lte('score', 2)], orderBy: [{ column: 'id' }] },
  { where: [lt('at', '2026-01-03T00:00:00.000Z'), gte('at', '2026-01-01T00:00:00.000Z')], orderBy: [{ column: 'id' }] },
  { where: [isIn('id', ['a', 'c', 'zz'])], orderBy: [{ column: 'id' }] },
  { where: [isNull('label')] },
  { where: [notNull('at')], orderBy: [{ column: 'at', direction: 'desc' }, { column: 'id' }] },
  { where: [startsWith('label', 'Zo')] },
  { where: [startsWith('label', '100%_')] },
  { where: [contains('label', '%')], orderBy: [{ column: 'id' }] },
  { where: [contains('label', 'o')], orderBy: [{ column: 'id' }] },
  { where: [endsWith('label', 'der')] },
  { where: [eq('flag', true)], orderBy: [{ column: 'id' }] },
  { orderBy: [{ column: 'score', nulls: 'first' }, { column: 'id' }] },
  { orderBy: [{ column: 'label', direction: 'desc' }, { column: 'id' }] },
  { orderBy: [{ column: 'n', direction: 'desc', nulls: 'last' }, { column: 'id' }], limit: 2, offset: 1 },
];

const withLastPosition = (rows: readonly Row[]): Row[] =>
  rows.map((row, index) => ({ ...row, last_position: index + 1 }));

export function describeStoreMechanics(factory: ReadModelStoreFactory): void {
  describe('store mechanics', () => {
    it('round-trips typed values and answers every query like the in-memory reference', async () => {
      const store = await factory();
      const probe = probeProjector();
      await store.prepare(probe);
      await store.makeLive(probe);
      position = 0n;
      await store.applyBatches([{ projector: probe, events: ROWS.map(probeEvent), checkpoint: position }]);
      const stored = withLastPosition(ROWS);
      for (const query of QUERIES) {
        expect({ query, rows: await store.select({ name: 'probe' }, probeTable.name, query) }).toEqual({
          query,
          rows: runQuery(stored, query),
        });
      }
      await expect(store.select({ name: 'probe' }, probeTable.name, { where: [eq('nope', 1)] })).rejects.toMatchObject({
        code: ReadModelErrorCode.UnknownColumn,
      });
      await expect(store.select({ name: 'probe' }, 'nope', {})).rejects.toMatchObject({
        code: ReadModelErrorCode.UnknownTable,
      });
      await expect(store.select({ name: 'probe' }, probeTable.name, { limit: -1 })).rejects.toMatchObject({
        code: ReadModelErrorCode.InvalidArgument,
      });
      await store.dispose();
    });

    it('applies a batch with its checkpoint, or nothing at all when a handler fails', async () => {
      const store = await factory();
      const probe = probeProjector();
      await store.prepare(probe);
      await store.makeLive(probe);
      expect(await store.checkpoint(probe)).toBeNull();
      position = 0n;
      await store.applyBatches([{ projector: probe, events: [probeEvent({ id: 'a', n: 1 })], checkpoint: 5n }]);
      expect(await store.checkpoint(probe)).toBe(5n);
      const failing = [probeEvent({ id: 'b', n: 2 }), probeEvent({ id: 'a', n: 3 }), probeEvent('fail')];
      await expect(store.applyBatches([{ projector: probe, events: failing, checkpoint: 9n }])).rejects.toThrow(
        'probe failure',
      );
      expect(await store.checkpoint(probe)).toBe(5n);
      expect(await store.select({ name: 'probe' }, probeTable.name, {})).toEqual([
        expect.objectContaining({ id: 'a', n: 1 }),
      ]);
      await store.dispose();
    });

    it('keeps versions side by side, switches the live one atomically and drops only what is not live', async () => {
      const store = await factory();
      const [v1, v2] = [probeProjector(1), probeProjector(2)];
      await expect(store.select({ name: 'probe' }, probeTable.name)).rejects.toMatchObject({
        code: ReadModelErrorCode.NotReady,
      });
      for (const version of [v1, v2]) await store.prepare(version);
      await store.makeLive(v1);
      position = 0n;
      await store.applyBatches([{ projector: v1, events: [probeEvent({ id: 'old' })], checkpoint: 1n }]);
      await store.applyBatches([{ projector: v2, events: [probeEvent({ id: 'new' })], checkpoint: 2n }]);
      const ids = async (version?: number) =>
        (
          await store.select(version === undefined ? { name: 'probe' } : { name: 'probe', version }, probeTable.name)
        ).map((row) => row['id']);
      expect(await ids()).toEqual(['old']);
      expect(await ids(2)).toEqual(['new']);
      expect([await store.checkpoint(v1), await store.checkpoint(v2)]).toEqual([1n, 2n]);
      await store.makeLive(v2);
      expect(await store.liveVersion('probe')).toBe(2);
      expect(await ids()).toEqual(['new']);
      await expect(store.dropVersion(v2)).rejects.toMatchObject({ code: ReadModelErrorCode.LiveVersion });
      await store.dropVersion(v1);
      await expect(store.select({ name: 'probe', version: 1 }, probeTable.name)).rejects.toBeDefined();
      await store.prepare(v1);
      expect(await store.checkpoint(v1)).toBeNull();
      expect(await ids(1)).toEqual([]);
      await store.dispose();
    });
  });
}
