// The pipeline board's tables (see docs/read-models.md).
import { ColumnType, defineTable } from '../../store/schema.js';
import { workflowCatalogTables } from '../shared/workflow-catalog.js';

export const pipelineBoardCatalog = workflowCatalogTables('pipeline_board');

export const pipelineBoardOrganisations = defineTable({
  name: 'pipeline_board_organisations',
  description: 'One row per organisation: its name and default workflow.',
  columns: {
    org_id: [ColumnType.Text, false, 'The organisation.'],
    name: [ColumnType.Text, true, 'Its name.'],
    default_workflow_id: [ColumnType.Text, true, 'The workflow a board shows unless told otherwise.'],
  },
  primaryKey: ['org_id'],
});

export const pipelineBoardLeads = defineTable({
  name: 'pipeline_board_leads',
  description: 'One row per lead: where it stands in its workflow and what the board shows of it.',
  columns: {
    lead_id: [ColumnType.Text, false, 'The lead.'],
    org_id: [ColumnType.Text, false, 'Its organisation.'],
    workflow_id: [ColumnType.Text, false, 'Its workflow.'],
    stage_id: [ColumnType.Text, false, 'Its current stage (the fallback stage once its stage was removed).'],
    name: [ColumnType.Text, false, 'Lead name.'],
    company: [ColumnType.Text, true, 'Company.'],
    email: [ColumnType.Text, true, 'Email, lower-cased.'],
    source: [ColumnType.Text, false, 'Where the lead came from.'],
    owner_id: [ColumnType.Text, true, 'Its owner; null while in the pool.'],
    estimated_value_minor: [ColumnType.Integer, true, 'Estimated value in minor units (cents).'],
    currency: [ColumnType.Text, true, 'ISO 4217 currency of the estimated value.'],
    next_call_at: [ColumnType.Timestamp, true, 'The next scheduled call.'],
    claim_id: [ColumnType.Text, true, 'The recorded claim, until released or expired.'],
    claimed_by: [ColumnType.Text, true, 'Who holds that claim.'],
    claim_expires_at: [ColumnType.Timestamp, true, 'When it lapses (a claim holds while now < this).'],
    role: [ColumnType.Text, false, 'Lead, Prospect or Client.'],
    client_id: [ColumnType.Text, true, 'The client it converted into or is linked to.'],
    state: [
      ColumnType.Text,
      false,
      'active, merged (absorbed into another lead) or deleted; the board shows active leads.',
    ],
    search_text: [
      ColumnType.Text,
      false,
      'Name, company and email folded to lower case without accents, for text filters.',
    ],
    created_at: [ColumnType.Timestamp, false, 'When the lead was created.'],
    updated_at: [ColumnType.Timestamp, false, 'When anything on the board last changed for it.'],
  },
  primaryKey: ['lead_id'],
  indexes: {
    // A stage's page: equality on the first four, then the page's order (next call, name, id).
    board: ['org_id', 'workflow_id', 'state', 'stage_id', 'next_call_at', 'name', 'lead_id'],
    // The board's counts and sums per stage and currency, read from the index alone (for a rep too: the
    // columns visibility reads are in it).
    totals: [
      'org_id',
      'workflow_id',
      'state',
      'stage_id',
      'currency',
      'estimated_value_minor',
      'owner_id',
      'claimed_by',
      'claim_expires_at',
    ],
    // A client's leads, by name.
    client: ['org_id', 'client_id', 'name', 'lead_id'],
    // A rep's board corrects the kept totals with these few rows, read from the index alone: the claims
    // they hold, and the pool's claims recorded but lapsed (until the expiry worker records ClaimExpired).
    my_claims: [
      'org_id',
      'workflow_id',
      'state',
      'claimed_by',
      'claim_expires_at',
      'owner_id',
      'stage_id',
      'currency',
      'estimated_value_minor',
    ],
    // Claims by expiry, the pool's lapsed ones a range of it. No index has owner_id right after the
    // state: SQLite would answer a rep's stage page by a MULTI-INDEX OR over owner and pool, then sort.
    claims_by_expiry: [
      'org_id',
      'workflow_id',
      'state',
      'claim_expires_at',
      'claimed_by',
      'owner_id',
      'stage_id',
      'currency',
      'estimated_value_minor',
    ],
  },
});

export const pipelineBoardTotals = defineTable({
  name: 'pipeline_board_totals',
  description:
    "Per organisation, workflow, stage, currency, owner and whether a claim is recorded: the active leads and their summed estimated value, kept by the projector as leads move, so the board's counts (a rep's too) read rows per stage and owner instead of every lead.",
  columns: {
    org_id: [ColumnType.Text, false, 'The organisation.'],
    workflow_id: [ColumnType.Text, false, 'The workflow.'],
    stage_id: [ColumnType.Text, false, 'The stage.'],
    currency: [ColumnType.Text, false, "ISO 4217 currency of the leads' estimated values; '' for leads without one."],
    owner_id: [ColumnType.Text, false, "The leads' owner; '' for the pool's leads (no owner)."],
    claimed: [
      ColumnType.Integer,
      false,
      '1 for leads with a claim recorded (held or lapsed, until released or expired), else 0.',
    ],
    leads: [ColumnType.Integer, false, 'Active leads in the stage with this currency (0 once they all left).'],
    value_minor: [ColumnType.Integer, false, 'Their estimated values summed, in minor units.'],
  },
  primaryKey: ['org_id', 'workflow_id', 'stage_id', 'currency', 'owner_id', 'claimed'],
});
