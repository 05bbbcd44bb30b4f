// The lead-detail read model's tables (see docs/read-models.md): one row per lead with every field a
// lead page shows, its latest notes, and who opened it when (unread).
import { ColumnType, defineTable } from '../../store/schema.js';
import { workflowCatalogTables } from '../shared/workflow-catalog.js';

export const leadDetailsCatalog = workflowCatalogTables('lead_details');

export const leadDetails = defineTable({
  name: 'lead_details',
  description: 'One row per lead: every field of the lead, its owner, claim, next call, client link and dates.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    name: [ColumnType.Text, false, 'Lead name.'],
    email: [ColumnType.Text, true, 'Email, lower-cased and trimmed.'],
    phone: [ColumnType.Text, true, 'Phone in E.164 (+<digits>).'],
    company: [ColumnType.Text, true, 'Company.'],
    source: [ColumnType.Text, false, 'Where the lead came from.'],
    notes: [ColumnType.Text, true, "The lead's notes field (logged notes are in lead_detail_notes)."],
    rating: [ColumnType.Text, true, 'Rating: hot, warm or cold.'],
    estimated_value_minor: [ColumnType.Integer, true, 'Estimated revenue in minor units (cents).'],
    currency: [ColumnType.Text, true, 'ISO 4217 currency of the estimated revenue.'],
    expected_sale_date: [ColumnType.Text, true, 'Expected sale date, YYYY-MM-DD.'],
    custom_fields: [ColumnType.Text, false, 'Custom field values by key, as a JSON object.'],
    owner_id: [ColumnType.Text, true, 'Its owner; null while in the pool.'],
    claim_id: [ColumnType.Text, true, 'The recorded claim, until released or expired.'],
    claimed_by: [ColumnType.Text, true, 'Who holds that claim.'],
    claim_expires_at: [ColumnType.Timestamp, true, 'When it lapses (a claim holds while now < this).'],
    next_call_at: [ColumnType.Timestamp, true, 'The next scheduled call.'],
    next_call_note: [ColumnType.Text, true, 'What the next call is about.'],
    client_id: [ColumnType.Text, true, 'The client it converted into or is linked to.'],
    role: [ColumnType.Text, false, 'Lead, Prospect or Client.'],
    workflow_id: [ColumnType.Text, false, 'Its workflow.'],
    stage_id: [ColumnType.Text, false, 'Its current stage.'],
    state: [ColumnType.Text, false, 'active, merged (absorbed into another lead) or deleted.'],
    created_at: [ColumnType.Timestamp, false, 'When the lead was created.'],
    created_by: [ColumnType.Text, false, 'Who created it.'],
    last_activity_at: [ColumnType.Timestamp, false, 'When anything last happened to it (opening it aside).'],
    last_change_position: [ColumnType.Integer, false, 'Global position of the last event that changed it.'],
    last_change_by: [ColumnType.Text, false, 'Who made that change.'],
    other_change_position: [
      ColumnType.Integer,
      true,
      'Position of the last change by anyone but last_change_by (null: nobody else changed it): with the two above, the last change by someone other than any given user.',
    ],
  },
  primaryKey: ['lead_id'],
  indexes: { org: ['org_id', 'owner_id', 'lead_id'] },
});

export const leadDetailNotes = defineTable({
  name: 'lead_detail_notes',
  description: 'Every note logged on a lead; the lead page shows the latest.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    note_id: [ColumnType.Text, false, 'The note.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    text: [ColumnType.Text, false, 'What the note says.'],
    outcome: [ColumnType.Text, true, 'The call outcome logged with it.'],
    logged_at: [ColumnType.Timestamp, false, 'When it was logged.'],
    logged_by: [ColumnType.Text, false, 'Who logged it.'],
    position: [ColumnType.Integer, false, 'Global position of the NoteLogged event: notes in order.'],
  },
  primaryKey: ['lead_id', 'note_id'],
  indexes: { latest: ['lead_id', 'position'] },
});

export const leadReads = defineTable({
  name: 'lead_reads',
  description:
    'When each user last opened each lead (LeadOpened): a lead is unread for its owner when someone else changed it since.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    user_id: [ColumnType.Text, false, 'Who opened it.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    read_position: [ColumnType.Integer, false, 'Global position of their last LeadOpened.'],
    read_at: [ColumnType.Timestamp, false, 'When they last opened it.'],
  },
  primaryKey: ['lead_id', 'user_id'],
  indexes: { user: ['org_id', 'user_id', 'lead_id'] },
});
