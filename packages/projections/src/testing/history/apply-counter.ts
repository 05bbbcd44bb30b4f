// For multi-process tests: a projector that counts how many times each event was applied to its read
// model, so a test can prove no event was applied twice (a count of 2) nor skipped (no row).
import { LEADLINE_EVENT_TYPES } from '@leadline/domain';
import type { Projector } from '../../projector/projector.js';
import { ColumnType, defineTable } from '../../store/schema.js';

export const eventAppliesTable = defineTable({
  name: 'event_applies',
  description: 'How many times each event was applied (a test projector: one row per event, count 1).',
  columns: {
    event_id: [ColumnType.Text, false, 'The event.'],
    position: [ColumnType.Integer, false, 'Its global position.'],
    applies: [ColumnType.Integer, false, 'Times it was applied.'],
  },
  primaryKey: ['event_id'],
});

export const applyCountingProjector: Projector = {
  name: 'apply_counter',
  version: 1,
  handles: LEADLINE_EVENT_TYPES,
  tables: [eventAppliesTable],
  prefetch: (event) => [{ table: eventAppliesTable.name, key: [event.eventId] }],
  apply(event, tx) {
    const applies = tx.get(eventAppliesTable.name, [event.eventId])?.['applies'];
    tx.upsert(eventAppliesTable.name, {
      event_id: event.eventId,
      position: Number(event.position),
      applies: (typeof applies === 'number' ? applies : 0) + 1,
    });
  },
};
