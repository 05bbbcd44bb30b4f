// What a workflow admin asks of a workflow.
import type { StageId, WorkflowId } from '../shared/ids.js';
import type { Stage } from '../shared/values.js';

export interface CreateWorkflow {
  readonly type: 'CreateWorkflow';
  readonly workflowId: WorkflowId;
  readonly name: string;
  readonly stages: readonly Stage[];
}

export interface RenameWorkflow {
  readonly type: 'RenameWorkflow';
  readonly workflowId: WorkflowId;
  readonly name: string;
}

export interface AddStage {
  readonly type: 'AddStage';
  readonly workflowId: WorkflowId;
  readonly stage: Stage;
  /** Zero-based; defaults to the end. */
  readonly position?: number;
}

export interface RenameStage {
  readonly type: 'RenameStage';
  readonly workflowId: WorkflowId;
  readonly stageId: StageId;
  readonly name: string;
}

export interface ReorderStages {
  readonly type: 'ReorderStages';
  readonly workflowId: WorkflowId;
  readonly order: readonly StageId[];
}

export interface RemoveStage {
  readonly type: 'RemoveStage';
  readonly workflowId: WorkflowId;
  readonly stageId: StageId;
  readonly fallbackStageId: StageId;
}

export type WorkflowCommand = CreateWorkflow | RenameWorkflow | AddStage | RenameStage | ReorderStages | RemoveStage;
export type WorkflowCommandType = WorkflowCommand['type'];
