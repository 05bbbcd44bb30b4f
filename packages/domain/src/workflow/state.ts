// What the workflow decider remembers: its organisation, name, ordered stages and removed stages' fallbacks.
import type { WorkflowView } from '../shared/context.js';
import type { OrgId, StageId, WorkflowId } from '../shared/ids.js';
import type { Stage } from '../shared/values.js';

export interface ExistingWorkflowState {
  readonly exists: true;
  readonly workflowId: WorkflowId;
  readonly orgId: OrgId;
  readonly name: string;
  readonly stages: readonly Stage[];
  /** Removed stage → the stage its leads are shown in now. */
  readonly fallbacks: Readonly<Record<string, StageId>>;
}

export type WorkflowState = { readonly exists: false } | ExistingWorkflowState;

export const initialWorkflowState: WorkflowState = { exists: false };

/** The part of a workflow a lead decider needs (CommandContext.workflows), or null before creation. */
export const toWorkflowView = (state: WorkflowState): WorkflowView | null =>
  state.exists ? { workflowId: state.workflowId, orgId: state.orgId, name: state.name, stages: state.stages } : null;
