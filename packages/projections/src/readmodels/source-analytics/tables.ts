// The source analytics table: one fact row per lead, grouped by source and period at query time.
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
