// The workflow's event catalogue: ordered stages, each open, won or lost.
import type { OrgId, StageId, WorkflowId } from '../shared/ids.js';
import type { Stage } from '../shared/values.js';

export interface WorkflowCreated {
  readonly type: 'WorkflowCreated';
  readonly data: {
    readonly workflowId: WorkflowId;
    readonly orgId: OrgId;
    readonly name: string;
    /** In pipeline order; the first open stage is where new leads start. */
    readonly stages: readonly Stage[];
  };
}

export interface WorkflowRenamed {
  readonly type: 'WorkflowRenamed';
  readonly data: { readonly workflowId: WorkflowId; readonly name: string };
}

export interface WorkflowStageAdded {
  readonly type: 'WorkflowStageAdded';
  readonly data: {
    readonly workflowId: WorkflowId;
    readonly stage: Stage;
    /** Zero-based index the stage takes in the order. */
    readonly position: number;
  };
}

export interface WorkflowStageRenamed {
  readonly type: 'WorkflowStageRenamed';
  readonly data: { readonly workflowId: WorkflowId; readonly stageId: StageId; readonly name: string };
}

export interface WorkflowStagesReordered {
  readonly type: 'WorkflowStagesReordered';
  readonly data: { readonly workflowId: WorkflowId; readonly order: readonly StageId[] };
}

export interface WorkflowStageRemoved {
  readonly type: 'WorkflowStageRemoved';
  readonly data: {
    readonly workflowId: WorkflowId;
    readonly stageId: StageId;
    /** Leads still in the removed stage are shown in this stage from now on. */
    readonly fallbackStageId: StageId;
  };
}

export type WorkflowEvent =
  | WorkflowCreated
  | WorkflowRenamed
  | WorkflowStageAdded
  | WorkflowStageRenamed
  | WorkflowStagesReordered
  | WorkflowStageRemoved;

export type WorkflowEventType = WorkflowEvent['type'];
