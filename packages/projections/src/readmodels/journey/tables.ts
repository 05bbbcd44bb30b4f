// The journey timeline's tables (see docs/read-models.md).
import { ColumnType, defineTable } from '../../store/schema.js';

export const journeySteps = defineTable({
  name: 'journey_steps',
  description: 'Every step of every lead, in order; never changed or removed, hash-chained per lead.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    seq: [ColumnType.Integer, false, 'Step number within the lead, from 1.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    event_id: [ColumnType.Text, false, 'The event the step records.'],
    event_position: [ColumnType.Integer, false, 'Global position of that event.'],
    occurred_at: [ColumnType.Timestamp, false, 'When it happened.'],
    actor_id: [ColumnType.Text, false, 'Who did it (a user or a system worker).'],
    kind: [
      ColumnType.Text,
      false,
      'The event type: StageChanged, NoteLogged, JourneyStepRecorded (a custom step), ...',
    ],
    summary: [ColumnType.Text, false, 'What happened, for people (personal values read [erased] once erased).'],
    sealed_summary: [
      ColumnType.Text,
      true,
      'The summary of the event as stored, personal values sealed; null when nothing in it is sealed. The hash covers it.',
    ],
    prev_hash: [ColumnType.Text, false, "The previous step's hash (64 zeros for the first step)."],
    hash: [ColumnType.Text, false, "SHA-256 (hex) over prev_hash and this step's content; see verifyJourney."],
  },
  primaryKey: ['lead_id', 'seq'],
  indexes: { org: ['org_id', 'occurred_at'] },
});

export const journeyHeads = defineTable({
  name: 'journey_heads',
  description: "The last step of each lead's journey: where the next step chains on.",
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    seq: [ColumnType.Integer, false, 'Number of its last step.'],
    hash: [ColumnType.Text, false, 'Hash of its last step.'],
  },
  primaryKey: ['lead_id'],
  indexes: { org: ['org_id', 'lead_id'] },
});
