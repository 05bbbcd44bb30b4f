// The search read model's table (see docs/read-models.md).
import { ColumnType, defineTable } from '../../store/schema.js';

export const searchTable = defineTable({
  name: 'search_leads',
  description: 'One row per lead, with the keys people search by.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    name: [ColumnType.Text, false, 'Lead name as entered.'],
    name_words: [
      ColumnType.Text,
      false,
      'The name folded (lower case, no accents), with a leading space: " zoe alander".',
    ],
    company: [ColumnType.Text, true, 'Company.'],
    email: [ColumnType.Text, true, 'Email, lower-cased and trimmed.'],
    phone: [ColumnType.Text, true, 'Phone in E.164 (+<digits>).'],
    phone_digits: [ColumnType.Text, true, 'Only the digits of the phone.'],
    search_text: [
      ColumnType.Text,
      false,
      'Name, company, email (folded: lower case, no accents) and phone digits, one per line; searched by substring.',
    ],
    source: [ColumnType.Text, false, 'Where the lead came from.'],
    rating: [ColumnType.Text, true, 'hot, warm or cold; null when not rated.'],
    workflow_id: [ColumnType.Text, false, 'Its workflow.'],
    stage_id: [ColumnType.Text, false, 'Its current stage.'],
    client_id: [ColumnType.Text, true, 'The client it converted into or is linked to.'],
    created_at: [ColumnType.Timestamp, false, 'When the lead was created.'],
    owner_id: [ColumnType.Text, true, 'Its owner.'],
    claimed_by: [ColumnType.Text, true, 'Holder of its recorded claim.'],
    claim_expires_at: [ColumnType.Timestamp, true, 'When that claim lapses.'],
    state: [ColumnType.Text, false, 'active, merged or deleted; search finds active leads.'],
  },
  primaryKey: ['lead_id'],
  indexes: {
    email: ['org_id', 'email'],
    phone: ['org_id', 'phone_digits'],
    // Results in name order: a page is read along this index, stopping once it is full. A search by text
    // walks it for its first candidates by name, testing search_text in the index without reading rows.
    name: ['org_id', 'state', 'name_words', 'lead_id', 'search_text'],
    // A search by one filter alone reads that filter's leads in name order, along one of these.
    source: ['org_id', 'source', 'name_words', 'lead_id'],
    owner: ['org_id', 'owner_id', 'name_words', 'lead_id'],
    stage: ['org_id', 'stage_id', 'name_words', 'lead_id'],
    client: ['org_id', 'client_id', 'name_words', 'lead_id'],
    rating: ['org_id', 'rating', 'name_words', 'lead_id'],
    created: ['org_id', 'created_at'],
  },
  // Any 3 characters or more of search_text: SQLite FTS5 trigram, PostgreSQL pg_trgm.
  substringIndex: 'search_text',
  // PostgreSQL indexes the organisation in the same GIN index (btree_gin).
  substringScope: ['org_id'],
});
