// The clients read model's table (see docs/read-models.md).
import { ColumnType, defineTable } from '../../store/schema.js';

export const clientsTable = defineTable({
  name: 'clients',
  description:
    "The organisation's customer roster: one row per client recorded (ClientCreated), and one per client id a lead was converted into or linked to without a record (implicit).",
  columns: {
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    client_id: [ColumnType.Text, false, 'The client.'],
    recorded: [
      ColumnType.Boolean,
      false,
      'True for a client record; false for an implicit client, known only from the leads converted into or linked to it.',
    ],
    origin: [ColumnType.Text, false, 'direct, conversion, import, or implicit (no record).'],
    from_lead_id: [ColumnType.Text, true, 'The lead whose conversion created the client (origin conversion).'],
    name: [ColumnType.Text, true, 'Client name as entered; null for an implicit client.'],
    email: [ColumnType.Text, true, 'Email, lower-cased and trimmed.'],
    phone: [ColumnType.Text, true, 'Phone in E.164 (+<digits>).'],
    company: [ColumnType.Text, true, 'Company.'],
    sort_key: [
      ColumnType.Text,
      false,
      'The name folded (lower case, no accents); the client id for an implicit client.',
    ],
    search_text: [
      ColumnType.Text,
      false,
      'Name, email and company folded, one per line (the client id for an implicit client); searched by substring.',
    ],
    created_at: [ColumnType.Timestamp, false, 'When the client was recorded, or first named by a lead (implicit).'],
    updated_at: [ColumnType.Timestamp, false, 'When the row last changed.'],
  },
  primaryKey: ['org_id', 'client_id'],
  indexes: {
    // The roster in name order: a page is read along this index.
    name: ['org_id', 'sort_key', 'client_id'],
  },
  // Any 3 characters or more of search_text: SQLite FTS5 trigram, PostgreSQL pg_trgm.
  substringIndex: 'search_text',
  substringScope: ['org_id'],
});
