// The stage transitions tables (see docs/read-models.md).
import { ColumnType, defineTable } from '../../store/schema.js';
import { workflowCatalogTables } from '../shared/workflow-catalog.js';

export const stageTransitionsCatalog = workflowCatalogTables('stage_transitions');

export const stageVisits = defineTable({
  name: 'stage_transitions_visits',
  description: 'Every stay of a lead in a stage: when it entered, when it left and where it went.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    visit: [ColumnType.Integer, false, "The stay's number within the lead, from 1."],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    workflow_id: [ColumnType.Text, false, 'The workflow.'],
    stage_id: [ColumnType.Text, false, 'The stage.'],
    stage_name: [ColumnType.Text, false, 'The stage name at the time.'],
    stage_category: [ColumnType.Text, false, 'open, won or lost.'],
    entry_number: [ColumnType.Integer, false, '1 for the first entry into this stage, 2 for the first re-entry, ...'],
    entered_at: [ColumnType.Timestamp, false, 'When the lead entered the stage.'],
    exited_at: [ColumnType.Timestamp, true, 'When it left; null while it is still there.'],
    duration_ms: [ColumnType.Integer, true, 'Time in the stage, in milliseconds, once left.'],
    next_stage_id: [ColumnType.Text, true, 'The stage it moved to.'],
  },
  primaryKey: ['lead_id', 'visit'],
  indexes: { stage: ['org_id', 'workflow_id', 'stage_id'] },
});

export const stageJourneys = defineTable({
  name: 'stage_transitions_leads',
  description: 'One row per lead: its path through the stages and its outcome.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    workflow_id: [ColumnType.Text, false, 'Its workflow.'],
    visits: [ColumnType.Integer, false, 'Number of stays so far (the current one included).'],
    current_stage_id: [ColumnType.Text, false, 'The stage it is in now.'],
    current_stage_name: [ColumnType.Text, false, "That stage's name when it entered."],
    current_stage_category: [ColumnType.Text, false, "That stage's category: open, won or lost."],
    current_entry_number: [ColumnType.Integer, false, 'Which entry into that stage the current stay is.'],
    current_entered_at: [ColumnType.Timestamp, false, 'When it entered the stage it is in now.'],
    path: [ColumnType.Text, false, 'Stage names in the order visited, joined by " > ".'],
    path_stage_ids: [ColumnType.Text, false, 'Bookkeeping: the stage ids visited, as a JSON array.'],
    progressed_stage_ids: [
      ColumnType.Text,
      false,
      'Bookkeeping: the stages it has progressed from (it later reached a stage further along, not lost), as a JSON array.',
    ],
    outcome: [ColumnType.Text, false, 'open, converted or lost.'],
    created_at: [ColumnType.Timestamp, false, 'When the lead was created.'],
    outcome_at: [ColumnType.Timestamp, true, 'When it was converted or lost.'],
    state: [ColumnType.Text, false, 'active, merged or deleted.'],
  },
  primaryKey: ['lead_id'],
  indexes: { outcome: ['org_id', 'outcome'] },
});

export const stageFunnelCounts = defineTable({
  name: 'stage_transitions_funnel',
  description:
    'One row per organisation, workflow and stage entered: the funnel counters the projector keeps as leads move.',
  columns: {
    org_id: [ColumnType.Text, false, 'The organisation.'],
    workflow_id: [ColumnType.Text, false, 'The workflow.'],
    stage_id: [ColumnType.Text, false, 'The stage.'],
    leads: [ColumnType.Integer, false, 'Distinct leads that ever entered it.'],
    entries: [ColumnType.Integer, false, 'All entries, re-entries included.'],
    re_entries: [ColumnType.Integer, false, 'Entries of a lead that had been in the stage before.'],
    current: [ColumnType.Integer, false, 'Leads there now.'],
    progressed: [
      ColumnType.Integer,
      false,
      'Leads that, after first entering it, reached a stage further along that is not lost (judged by the order when they moved).',
    ],
    duration_sum_ms: [
      ColumnType.Integer,
      false,
      'Times in the stage of the stays that ended, summed, in milliseconds.',
    ],
    duration_count: [ColumnType.Integer, false, 'Stays that ended (the mean is duration_sum_ms / duration_count).'],
    duration_buckets: [
      ColumnType.Text,
      false,
      'Those times as a histogram, JSON {"c<k>": count, "s<k>": sum in ms}: bucket 0 under a second, bucket k from 1 s × 2^((k-1)/16).',
    ],
  },
  primaryKey: ['org_id', 'workflow_id', 'stage_id'],
});
