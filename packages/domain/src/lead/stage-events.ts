// Finding stages of the lead's workflow and writing the StageChanged that moves a lead between them.
import type { WorkflowView } from '../shared/context.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import type { StageId } from '../shared/ids.js';
import type { Stage, StageCategory } from '../shared/values.js';
import type { StageChanged } from './events.js';
import type { ExistingLeadState } from './state.js';

export const findStage = (workflow: WorkflowView, stageId: StageId): Stage =>
  workflow.stages.find((stage) => stage.stageId === stageId) ??
  refuse(
    DomainErrorCode.UnknownStage,
    'stageId',
    'stage-of-workflow',
    `Stage ${stageId} is not a stage of workflow "${workflow.name}".`,
  );

/** The given stage, which must have the category; or the workflow's first stage of that category. */
export const stageOfCategory = (
  workflow: WorkflowView,
  stageId: StageId | undefined,
  category: StageCategory,
): Stage => {
  if (stageId !== undefined) {
    const stage = findStage(workflow, stageId);
    if (stage.category !== category) {
      refuse(
        DomainErrorCode.InvalidTransition,
        'stageId',
        `must-be-${category}-stage`,
        `Stage "${stage.name}" is ${stage.category}; a ${category} stage is needed here.`,
      );
    }
    return stage;
  }
  return (
    workflow.stages.find((stage) => stage.category === category) ??
    refuse(
      DomainErrorCode.UnknownStage,
      'stageId',
      `workflow-has-${category}-stage`,
      `Workflow "${workflow.name}" has no ${category} stage.`,
    )
  );
};

export const stageChanged = (
  state: ExistingLeadState,
  workflow: WorkflowView,
  to: Stage,
  reason: string | null,
): StageChanged => {
  // The lead's stage may have been renamed or removed since; fall back to what was recorded.
  const from = workflow.stages.find((stage) => stage.stageId === state.stageId);
  return {
    type: 'StageChanged',
    data: {
      leadId: state.leadId,
      workflowId: state.workflowId,
      from: state.stageId,
      to: to.stageId,
      fromName: from?.name ?? state.stageName ?? state.stageId,
      toName: to.name,
      fromCategory: from?.category ?? state.stageCategory,
      toCategory: to.category,
      reason,
    },
  };
};
