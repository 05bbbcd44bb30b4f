// The lead lists' tables (see docs/read-models.md): one row per lead with every field a list view can
// show, sort or filter by, custom field values beside it, and indexes shaped for the system views.
import { ColumnType, defineTable } from '../../store/schema.js';
import { workflowCatalogTables } from '../shared/workflow-catalog.js';

export const leadListCatalog = workflowCatalogTables('lead_list');

/** Each system view's first page: equality on the leading columns, then the view's sort and the id. */
export const leadListLeads = defineTable({
  name: 'lead_list_leads',
  description: 'One row per lead: every field a list view shows, sorts or filters by.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    state: [ColumnType.Text, false, 'active, merged (absorbed into another lead) or deleted; lists show active leads.'],
    workflow_id: [ColumnType.Text, false, 'Its workflow.'],
    stage_id: [ColumnType.Text, false, 'Its current stage.'],
    stage_name: [ColumnType.Text, false, 'The name of that stage now.'],
    stage_category: [ColumnType.Text, false, 'open, won or lost.'],
    name: [ColumnType.Text, false, 'Lead name.'],
    company: [ColumnType.Text, true, 'Company.'],
    email: [ColumnType.Text, true, 'Email, lower-cased.'],
    phone: [ColumnType.Text, true, 'Phone in E.164 (+<digits>).'],
    name_folded: [ColumnType.Text, false, 'The name lower-cased without accents, for text filters.'],
    company_folded: [ColumnType.Text, true, 'The company folded the same way.'],
    source: [ColumnType.Text, false, 'Where the lead came from.'],
    owner_id: [ColumnType.Text, true, 'Its owner; null while in the pool.'],
    claim_id: [ColumnType.Text, true, 'The recorded claim, until released or expired.'],
    claimed_by: [ColumnType.Text, true, 'Who holds that claim.'],
    claim_expires_at: [ColumnType.Timestamp, true, 'When it lapses (a claim holds while now < this).'],
    rating: [ColumnType.Text, true, 'Rating: hot, warm or cold (sorted hot > warm > cold).'],
    estimated_value_minor: [ColumnType.Integer, true, 'Estimated revenue in minor units (cents).'],
    currency: [ColumnType.Text, true, 'ISO 4217 currency of the estimated revenue.'],
    expected_sale_date: [ColumnType.Text, true, 'Expected sale date, YYYY-MM-DD.'],
    role: [ColumnType.Text, false, 'Lead, Prospect or Client.'],
    client_id: [ColumnType.Text, true, 'The client it converted into or is linked to.'],
    converted: [ColumnType.Boolean, false, 'True once converted to a client.'],
    next_call_at: [ColumnType.Timestamp, true, 'The next scheduled call.'],
    created_at: [ColumnType.Timestamp, false, 'When the lead was created.'],
    last_activity_at: [ColumnType.Timestamp, false, 'When anything last happened to it.'],
    unread: [
      ColumnType.Boolean,
      false,
      'Unread for its owner: true when someone else created, assigned or changed it after the owner last did.',
    ],
  },
  primaryKey: ['lead_id'],
  indexes: {
    // All leads (last activity first).
    activity: ['org_id', 'state', 'last_activity_at', 'lead_id'],
    // My leads by last activity, and the pool (owner null) by creation.
    owner_activity: ['org_id', 'state', 'owner_id', 'last_activity_at', 'lead_id'],
    owner_created: ['org_id', 'state', 'owner_id', 'created_at', 'lead_id'],
    // Unread leads of one owner.
    unread: ['org_id', 'state', 'owner_id', 'unread', 'last_activity_at', 'lead_id'],
    // Recently created.
    created: ['org_id', 'state', 'created_at', 'lead_id'],
    // Converted; lost (a stage category).
    converted: ['org_id', 'state', 'converted', 'last_activity_at', 'lead_id'],
    category: ['org_id', 'state', 'stage_category', 'last_activity_at', 'lead_id'],
    // Next calls this week.
    next_call: ['org_id', 'state', 'next_call_at', 'lead_id'],
  },
});

export const leadListCustomValues = defineTable({
  name: 'lead_list_custom_values',
  description: "One row per lead and custom field it has a value for (the organisation's custom fields).",
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    field_key: [ColumnType.Text, false, 'The custom field key (a view names it custom.<key>).'],
    org_id: [ColumnType.Text, false, 'The organisation.'],
    text_value: [ColumnType.Text, true, 'Text, choice and date values (dates YYYY-MM-DD).'],
    folded_value: [ColumnType.Text, true, 'The text value lower-cased without accents, for text filters.'],
    number_value: [ColumnType.Real, true, 'Number values; booleans as 1 and 0.'],
  },
  primaryKey: ['lead_id', 'field_key'],
});
