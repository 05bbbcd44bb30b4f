// The claim pool and work queue table (see docs/read-models.md).
import { ColumnType, defineTable } from '../../store/schema.js';
import { workflowCatalogTables } from '../shared/workflow-catalog.js';

export const claimsCatalog = workflowCatalogTables('claims');

export const claimsLeads = defineTable({
  name: 'claims_leads',
  description: 'One row per lead: ownership, the recorded claim and the next call.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    name: [ColumnType.Text, false, 'Lead name.'],
    owner_id: [ColumnType.Text, true, 'Its owner; null while in the pool.'],
    claim_id: [ColumnType.Text, true, 'The recorded claim, until released or expired.'],
    claimed_by: [ColumnType.Text, true, 'Who holds it.'],
    claimed_at: [ColumnType.Timestamp, true, 'When it was claimed.'],
    claim_expires_at: [ColumnType.Timestamp, true, 'When the claim lapses (it holds while now < this).'],
    next_call_at: [ColumnType.Timestamp, true, 'The next scheduled call.'],
    stage_category: [ColumnType.Text, false, 'open, won or lost: only open leads are worked.'],
    state: [ColumnType.Text, false, 'active, merged or deleted.'],
    created_at: [ColumnType.Timestamp, false, 'When the lead was created (the pool serves oldest first).'],
  },
  primaryKey: ['lead_id'],
  indexes: {
    expiry: ['claim_expires_at'],
    // The work queue's page order: next call, name, id; the pool's (owner null): oldest first, id.
    owner: ['org_id', 'owner_id', 'next_call_at', 'name', 'lead_id'],
    pool: ['org_id', 'owner_id', 'created_at', 'lead_id'],
  },
});
