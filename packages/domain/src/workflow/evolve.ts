// How each workflow event changes the workflow decider's state.
import { match } from 'ts-pattern';
import type { WorkflowEvent } from './events.js';
import type { ExistingWorkflowState, WorkflowState } from './state.js';

const evolveExisting = (state: ExistingWorkflowState, event: WorkflowEvent): ExistingWorkflowState =>
  match(event)
    .returnType<ExistingWorkflowState>()
    .with({ type: 'WorkflowCreated' }, () => state)
    .with({ type: 'WorkflowRenamed' }, ({ data }) => ({ ...state, name: data.name }))
    .with({ type: 'WorkflowStageAdded' }, ({ data }) => ({
      ...state,
      stages: [...state.stages.slice(0, data.position), data.stage, ...state.stages.slice(data.position)],
    }))
    .with({ type: 'WorkflowStageRenamed' }, ({ data }) => ({
      ...state,
      stages: state.stages.map((stage) => (stage.stageId === data.stageId ? { ...stage, name: data.name } : stage)),
    }))
    .with({ type: 'WorkflowStagesReordered' }, ({ data }) => ({
      ...state,
      stages: data.order.flatMap((stageId) => state.stages.filter((stage) => stage.stageId === stageId)),
    }))
    .with({ type: 'WorkflowStageRemoved' }, ({ data }) => ({
      ...state,
      stages: state.stages.filter((stage) => stage.stageId !== data.stageId),
      // Leads already pointed at the removed stage through an earlier fallback follow it on.
      fallbacks: {
        ...Object.fromEntries(
          Object.entries(state.fallbacks).map(([removed, to]) => [
            removed,
            to === data.stageId ? data.fallbackStageId : to,
          ]),
        ),
        [data.stageId]: data.fallbackStageId,
      },
    }))
    .exhaustive();

export const evolveWorkflow = (state: WorkflowState, event: WorkflowEvent): WorkflowState => {
  if (state.exists) return evolveExisting(state, event);
  if (event.type !== 'WorkflowCreated') return state;
  const { workflowId, orgId, name, stages } = event.data;
  return { exists: true, workflowId, orgId, name, stages, fallbacks: {} };
};
