// Typed queries of the pipeline board: one organisation per query, always; own leads only unless the
// viewer may View All Leads (the domain's canViewLead decides).
import type { Actor, LeadId, Money, OrgId, StageCategory, StageId, UserId, WorkflowId } from '@leadline/domain';
import { invalidArgument } from '../../store/errors.js';
import type { ReadModelReader } from '../../store/port.js';
import type { Condition } from '../../store/query.js';
import { contains, eq } from '../../store/query.js';
import type { Row } from '../../store/schema.js';
import { moneyOf, sumMoney, text, textOrNull } from '../shared/rows.js';
import { foldText } from '../shared/text.js';
import type { ClaimState } from '../shared/visibility.js';
import { canViewRow, claimStateOf } from '../shared/visibility.js';
import { pipelineBoardProjector } from './projector.js';
import { pipelineBoardCatalog, pipelineBoardLeads, pipelineBoardOrganisations } from './tables.js';

const target = { name: pipelineBoardProjector.name };

export interface PipelineBoardFilters {
  readonly ownerId?: UserId;
  readonly source?: string;
  readonly stageId?: StageId;
  /** Case- and accent-insensitive part of the name, company or email. */
  readonly text?: string;
}

export interface PipelineBoardQuery {
  readonly orgId: OrgId;
  /** Defaults to the organisation's default workflow. */
  readonly workflowId?: WorkflowId;
  readonly viewer: Actor;
  /** The instant claims are judged at (a lapsed claim no longer counts). */
  readonly now: Date;
  readonly filters?: PipelineBoardFilters;
  /** At most this many leads listed per stage (counts and sums still cover all). */
  readonly leadsPerStage?: number;
}

export interface BoardLead {
  readonly leadId: LeadId;
  readonly name: string;
  readonly company: string | null;
  readonly source: string;
  readonly ownerId: UserId | null;
  readonly estimatedValue: Money | null;
  readonly nextCallAt: string | null;
  readonly claimState: ClaimState;
  readonly claimedBy: UserId | null;
  readonly claimExpiresAt: string | null;
}

export interface BoardStage {
  readonly stageId: StageId;
  readonly name: string;
  readonly category: StageCategory;
  readonly count: number;
  /** Estimated values summed per currency. */
  readonly value: readonly Money[];
  /** Nearest next call first; leads without one last. */
  readonly leads: readonly BoardLead[];
}

export interface PipelineBoard {
  readonly orgId: OrgId;
  readonly workflowId: WorkflowId;
  readonly workflowName: string;
  readonly stages: readonly BoardStage[];
  readonly count: number;
  readonly value: readonly Money[];
}

const boardLead = (row: Row, now: Date): BoardLead => ({
  leadId: text(row, 'lead_id') as LeadId,
  name: text(row, 'name'),
  company: textOrNull(row, 'company'),
  source: text(row, 'source'),
  ownerId: textOrNull(row, 'owner_id') as UserId | null,
  estimatedValue: moneyOf(row, 'estimated_value_minor', 'currency'),
  nextCallAt: textOrNull(row, 'next_call_at'),
  claimState: claimStateOf(row, now),
  claimedBy: textOrNull(row, 'claimed_by') as UserId | null,
  claimExpiresAt: textOrNull(row, 'claim_expires_at'),
});

async function resolveWorkflow(reader: ReadModelReader, query: PipelineBoardQuery): Promise<Row | null> {
  let workflowId: string | undefined = query.workflowId;
  if (workflowId === undefined) {
    const [organisation] = await reader.select(target, pipelineBoardOrganisations.name, {
      where: [eq('org_id', query.orgId)],
    });
    const fallback = organisation === undefined ? null : textOrNull(organisation, 'default_workflow_id');
    if (fallback === null) return null;
    workflowId = fallback;
  }
  const [workflow] = await reader.select(target, pipelineBoardCatalog.workflows.name, {
    where: [eq('workflow_id', workflowId), eq('org_id', query.orgId)],
  });
  return workflow ?? null;
}

/** The board of one workflow of one organisation, or null when the organisation has no such workflow. */
export async function pipelineBoard(reader: ReadModelReader, query: PipelineBoardQuery): Promise<PipelineBoard | null> {
  if (query.leadsPerStage !== undefined && (!Number.isInteger(query.leadsPerStage) || query.leadsPerStage < 0)) {
    throw invalidArgument(
      'leadsPerStage',
      'non-negative-integer',
      'leadsPerStage must be a whole number of zero or more.',
    );
  }
  const workflow = await resolveWorkflow(reader, query);
  if (workflow === null) return null;
  const workflowId = text(workflow, 'workflow_id');
  const stageRows = await reader.select(target, pipelineBoardCatalog.stages.name, {
    where: [eq('workflow_id', workflowId), eq('org_id', query.orgId), eq('removed', false)],
    orderBy: [{ column: 'stage_order' }],
  });
  const filters = query.filters ?? {};
  const where: Condition[] = [eq('org_id', query.orgId), eq('workflow_id', workflowId), eq('state', 'active')];
  if (filters.ownerId !== undefined) where.push(eq('owner_id', filters.ownerId));
  if (filters.source !== undefined) where.push(eq('source', filters.source));
  if (filters.stageId !== undefined) where.push(eq('stage_id', filters.stageId));
  if (filters.text !== undefined && foldText(filters.text) !== '')
    where.push(contains('search_text', foldText(filters.text)));
  const leadRows = await reader.select(target, pipelineBoardLeads.name, {
    where,
    orderBy: [{ column: 'next_call_at', nulls: 'last' }, { column: 'name' }, { column: 'lead_id' }],
  });
  const visible = leadRows.filter((row) => canViewRow(query.viewer, row, query.now));
  const byStage = new Map<string, Row[]>();
  for (const row of visible) byStage.set(text(row, 'stage_id'), [...(byStage.get(text(row, 'stage_id')) ?? []), row]);
  const stages = stageRows.map((stageRow): BoardStage => {
    const rows = byStage.get(text(stageRow, 'stage_id')) ?? [];
    const leads = rows.map((row) => boardLead(row, query.now));
    return {
      stageId: text(stageRow, 'stage_id') as StageId,
      name: text(stageRow, 'name'),
      category: text(stageRow, 'category') as StageCategory,
      count: rows.length,
      value: sumMoney(leads.map((lead) => lead.estimatedValue)),
      leads: query.leadsPerStage === undefined ? leads : leads.slice(0, query.leadsPerStage),
    };
  });
  return {
    orgId: query.orgId,
    workflowId: workflowId as WorkflowId,
    workflowName: text(workflow, 'name'),
    stages,
    count: stages.reduce((sum, stage) => sum + stage.count, 0),
    value: sumMoney(stages.flatMap((stage) => stage.value)),
  };
}
