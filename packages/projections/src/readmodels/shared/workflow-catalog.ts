// Workflows as the read models need them: stage names, order and category, kept from workflow events.
// Each projector that needs them keeps its own copy (its own table), so projectors never depend on
// one another's progress.
import type { StageCategory, WorkflowEvent } from '@leadline/domain';
import { match } from 'ts-pattern';
import type { ProjectedEvent, ProjectionTx, RowRef } from '../../projector/projector.js';
import { eq, ne } from '../../store/query.js';
import type { TableSchema } from '../../store/schema.js';
import { ColumnType, defineTable } from '../../store/schema.js';

export const WORKFLOW_EVENT_TYPES = [
  'WorkflowCreated',
  'WorkflowRenamed',
  'WorkflowStageAdded',
  'WorkflowStageRenamed',
  'WorkflowStagesReordered',
  'WorkflowStageRemoved',
] as const satisfies readonly WorkflowEvent['type'][];

export interface WorkflowCatalogTables {
  readonly workflows: TableSchema;
  readonly stages: TableSchema;
}

/** The two tables of a catalog, named `<prefix>_workflows` and `<prefix>_stages`. */
export function workflowCatalogTables<const Prefix extends string>(prefix: Prefix) {
  return {
    workflows: defineTable({
      name: `${prefix}_workflows` as const,
      description: 'One row per workflow.',
      columns: {
        workflow_id: [ColumnType.Text, false, 'The workflow.'],
        org_id: [ColumnType.Text, false, 'Its organisation.'],
        name: [ColumnType.Text, false, 'Its current name.'],
        stages_json: [
          ColumnType.Text,
          false,
          'Bookkeeping: its current stages in order as JSON [{stageId, category}] (query the stages table instead).',
        ],
      },
      primaryKey: ['workflow_id'],
      indexes: { org: ['org_id'] },
    }),
    stages: defineTable({
      name: `${prefix}_stages` as const,
      description: 'One row per stage a workflow has or had; removed stages are kept, marked removed.',
      columns: {
        workflow_id: [ColumnType.Text, false, 'The workflow.'],
        stage_id: [ColumnType.Text, false, 'The stage.'],
        org_id: [ColumnType.Text, false, 'The organisation.'],
        name: [ColumnType.Text, false, 'The stage name now.'],
        category: [ColumnType.Text, false, 'open, won or lost.'],
        stage_order: [ColumnType.Integer, true, 'Zero-based place in the pipeline; null once removed.'],
        open_index: [
          ColumnType.Integer,
          true,
          'Zero-based place among the open stages; null for won, lost and removed stages.',
        ],
        removed: [ColumnType.Boolean, false, 'True once the stage was removed from the workflow.'],
        fallback_stage_id: [ColumnType.Text, true, 'Where leads of a removed stage are shown now.'],
      },
      primaryKey: ['workflow_id', 'stage_id'],
    }),
  };
}

/** The workflow's row and all its stages' rows (a key prefix): reordering patches every stage. */
export const workflowPrefetch = (
  tables: WorkflowCatalogTables,
  event: ProjectedEvent<WorkflowEvent>,
): readonly RowRef[] => [
  { table: tables.workflows.name, key: [event.data.workflowId] },
  { table: tables.stages.name, key: [event.data.workflowId] },
];

interface StageEntry {
  readonly stageId: string;
  readonly category: StageCategory;
}

/** Rewrites every current stage's order and open-stage index from the workflow's ordered stages. */
function reorder(
  tables: WorkflowCatalogTables,
  tx: ProjectionTx,
  workflowId: string,
  orgId: string,
  stages: readonly StageEntry[],
): void {
  let openIndex = 0;
  stages.forEach((stage, order) => {
    tx.patch(tables.stages.name, [workflowId, stage.stageId], {
      stage_order: order,
      open_index: stage.category === 'open' ? openIndex++ : null,
    });
  });
  tx.patch(tables.workflows.name, [workflowId], { org_id: orgId, stages_json: JSON.stringify(stages) });
}

export function applyWorkflowEvent(
  tables: WorkflowCatalogTables,
  event: ProjectedEvent<WorkflowEvent>,
  tx: ProjectionTx,
): void {
  const workflow = tx.get(tables.workflows.name, [event.data.workflowId]);
  const orgId = (workflow?.['org_id'] as string | undefined) ?? event.metadata.orgId;
  const stages = workflow === undefined ? [] : (JSON.parse(String(workflow['stages_json'])) as StageEntry[]);
  match(event)
    .with({ type: 'WorkflowCreated' }, ({ data }) => {
      tx.upsert(tables.workflows.name, {
        workflow_id: data.workflowId,
        org_id: data.orgId,
        name: data.name,
        stages_json: '[]',
      });
      for (const stage of data.stages) {
        tx.upsert(tables.stages.name, {
          workflow_id: data.workflowId,
          stage_id: stage.stageId,
          org_id: data.orgId,
          name: stage.name,
          category: stage.category,
          removed: false,
        });
      }
      reorder(
        tables,
        tx,
        data.workflowId,
        data.orgId,
        data.stages.map(({ stageId, category }) => ({ stageId, category })),
      );
    })
    .with({ type: 'WorkflowRenamed' }, ({ data }) =>
      tx.patch(tables.workflows.name, [data.workflowId], { name: data.name }),
    )
    .with({ type: 'WorkflowStageAdded' }, ({ data }) => {
      tx.upsert(tables.stages.name, {
        workflow_id: data.workflowId,
        stage_id: data.stage.stageId,
        org_id: orgId,
        name: data.stage.name,
        category: data.stage.category,
        removed: false,
      });
      const next = stages.filter((stage) => stage.stageId !== data.stage.stageId);
      next.splice(data.position, 0, { stageId: data.stage.stageId, category: data.stage.category });
      reorder(tables, tx, data.workflowId, orgId, next);
    })
    .with({ type: 'WorkflowStageRenamed' }, ({ data }) =>
      tx.patch(tables.stages.name, [data.workflowId, data.stageId], { name: data.name }),
    )
    .with({ type: 'WorkflowStagesReordered' }, ({ data }) => {
      const byId = new Map(stages.map((stage) => [stage.stageId, stage]));
      const ordered = data.order.flatMap((stageId) => byId.get(stageId) ?? []);
      reorder(tables, tx, data.workflowId, orgId, ordered);
    })
    .with({ type: 'WorkflowStageRemoved' }, ({ data }) => {
      tx.patch(tables.stages.name, [data.workflowId, data.stageId], {
        removed: true,
        stage_order: null,
        open_index: null,
        fallback_stage_id: data.fallbackStageId,
      });
      // Stages removed earlier that fell back to this one now fall back to its own fallback.
      tx.updateWhere(
        tables.stages.name,
        [eq('workflow_id', data.workflowId), eq('fallback_stage_id', data.stageId), ne('stage_id', data.stageId)],
        {
          fallback_stage_id: data.fallbackStageId,
        },
      );
      reorder(
        tables,
        tx,
        data.workflowId,
        orgId,
        stages.filter((stage) => stage.stageId !== data.stageId),
      );
    })
    .exhaustive();
}

const WORKFLOW_TYPES: ReadonlySet<string> = new Set(WORKFLOW_EVENT_TYPES);

export const isWorkflowEvent = (event: ProjectedEvent): event is ProjectedEvent<WorkflowEvent> =>
  WORKFLOW_TYPES.has(event.type);
