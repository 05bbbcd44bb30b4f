// The source analytics tables: one row per lead (its milestones), and the day cells the projector keeps
// from them, which the queries read.
import { ColumnType, defineTable } from '../../store/schema.js';
import { workflowCatalogTables } from '../shared/workflow-catalog.js';

export const sourceAnalyticsCatalog = workflowCatalogTables('source_analytics');

export const sourceAnalyticsLeads = defineTable({
  name: 'source_analytics_leads',
  description:
    'One row per lead: its source and when it reached each milestone (see the definitions in docs/read-models.md).',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    source: [ColumnType.Text, false, 'Where it came from (its current source).'],
    created_at: [ColumnType.Timestamp, false, 'When it was created: the period it counts in.'],
    contacted_at: [ColumnType.Timestamp, true, 'First time it went past the first open stage (or was won).'],
    qualified_at: [
      ColumnType.Timestamp,
      true,
      'First time it reached the third open stage, or the last open stage of a shorter workflow (or was won).',
    ],
    converted_at: [ColumnType.Timestamp, true, 'When it was won: first won stage or conversion to a client.'],
    lost_at: [ColumnType.Timestamp, true, 'When it was marked lost; null again once reopened.'],
    estimated_value_minor: [ColumnType.Integer, true, 'Its estimated value now, in minor units.'],
    estimated_currency: [ColumnType.Text, true, 'Currency of the estimated value.'],
    value_won_minor: [ColumnType.Integer, true, 'The estimated value when it was won, in minor units.'],
    value_won_currency: [ColumnType.Text, true, 'Currency of the value won.'],
    state: [ColumnType.Text, false, 'active, merged or deleted; analytics count active leads.'],
  },
  primaryKey: ['lead_id'],
  indexes: { period: ['org_id', 'created_at'] },
});

export const sourceAnalyticsPeriods = defineTable({
  name: 'source_analytics_periods',
  description:
    'One row per organisation, period (each UTC day, ISO week and month), its first day and source: what the active leads created in it reached, kept by the projector as leads move (a cell whose leads all left keeps zeros).',
  columns: {
    org_id: [ColumnType.Text, false, 'The organisation.'],
    period: [ColumnType.Text, false, 'day, week or month: every lead counts in one cell of each.'],
    starts: [ColumnType.Text, false, 'First day of the period (UTC; weeks start on Monday), YYYY-MM-DD.'],
    source: [ColumnType.Text, false, "The leads' current source."],
    created: [ColumnType.Integer, false, 'Active leads created in the period from that source.'],
    contacted: [ColumnType.Integer, false, 'Of them, those contacted.'],
    qualified: [ColumnType.Integer, false, 'Of them, those qualified.'],
    converted: [ColumnType.Integer, false, 'Of them, those converted.'],
    lost: [ColumnType.Integer, false, 'Of them, those lost now.'],
    time_to_convert_sum_ms: [
      ColumnType.Integer,
      false,
      "The converted leads' times from creation to conversion, summed, in milliseconds (the mean is this / converted).",
    ],
    time_to_convert_buckets: [
      ColumnType.Text,
      false,
      'Their times to convert as a histogram, JSON {"c<k>": count, "s<k>": sum in ms}: bucket 0 under a second, bucket k from 1 s × 2^((k-1)/16).',
    ],
    value_won: [
      ColumnType.Text,
      false,
      'Their values when won per currency: JSON {"EUR": [leads, sum in minor units]}.',
    ],
  },
  primaryKey: ['org_id', 'period', 'starts', 'source'],
});
