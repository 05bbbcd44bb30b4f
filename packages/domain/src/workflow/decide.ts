// The workflow decider: creating a workflow and changing its stages, by a workflow admin.
import { match } from 'ts-pattern';
import type { CommandContext } from '../shared/context.js';
import { fold, type Decider } from '../shared/decider.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse, requirePermission, requireSameOrganisation } from '../shared/guards.js';
import { Permission } from '../shared/permissions.js';
import { StageCategory, type Stage } from '../shared/values.js';
import { invalid, resultOf, valueOrThrow, type Issues } from '../validation/issues.js';
import { requiredText, TEXT_LIMITS } from '../validation/text.js';
import type { AddStage, CreateWorkflow, RemoveStage, RenameStage, ReorderStages, WorkflowCommand } from './commands.js';
import type { WorkflowEvent } from './events.js';
import { evolveWorkflow } from './evolve.js';
import { initialWorkflowState, type ExistingWorkflowState, type WorkflowState } from './state.js';
import { checkStage, checkStageSet } from './validation.js';

const checked = <T>(check: (issues: Issues) => T): T => {
  const issues: Issues = [];
  const value = check(issues);
  return valueOrThrow(resultOf(issues, () => value));
};

const findStage = (state: ExistingWorkflowState, stageId: Stage['stageId'], field: string): Stage =>
  state.stages.find((stage) => stage.stageId === stageId) ??
  refuse(
    DomainErrorCode.UnknownStage,
    field,
    'stage-of-workflow',
    `Stage ${stageId} is not a stage of workflow "${state.name}".`,
  );

const decideCreate = (command: CreateWorkflow, state: WorkflowState, context: CommandContext): WorkflowEvent[] => {
  if (state.exists)
    refuse(
      DomainErrorCode.AlreadyExists,
      'workflowId',
      'new-workflow-id',
      `Workflow ${command.workflowId} already exists.`,
    );
  const { name, stages } = checked((issues) => {
    const stages = command.stages.map((stage, index) => checkStage(issues, `stages.${index}`, stage));
    checkStageSet(issues, 'stages', stages);
    return { name: requiredText(issues, 'name', command.name, TEXT_LIMITS.workflowName), stages };
  });
  return [{ type: 'WorkflowCreated', data: { workflowId: command.workflowId, orgId: context.orgId, name, stages } }];
};

const decideAddStage = (command: AddStage, state: ExistingWorkflowState): WorkflowEvent[] => {
  const position = command.position ?? state.stages.length;
  if (!Number.isInteger(position) || position < 0 || position > state.stages.length) {
    invalid(
      'position',
      `range:0-${state.stages.length}`,
      `position must be a whole number from 0 to ${state.stages.length}.`,
    );
  }
  if (command.stage.stageId in state.fallbacks) {
    // Leads recorded in the removed stage are shown in its fallback; a new stage must not take them back.
    invalid(
      'stage.stageId',
      'stage-id-retired',
      `Stage id ${command.stage.stageId} belonged to a removed stage; choose another id.`,
    );
  }
  const stage = checked((issues) => {
    const stage = checkStage(issues, 'stage', command.stage);
    checkStageSet(issues, 'stage', [...state.stages, stage]);
    return stage;
  });
  return [{ type: 'WorkflowStageAdded', data: { workflowId: state.workflowId, stage, position } }];
};

const decideRenameStage = (command: RenameStage, state: ExistingWorkflowState): WorkflowEvent[] => {
  const stage = findStage(state, command.stageId, 'stageId');
  const name = checked((issues) => {
    const name = requiredText(issues, 'name', command.name, TEXT_LIMITS.stageName);
    checkStageSet(
      issues,
      'name',
      state.stages.map((s) => (s.stageId === stage.stageId ? { ...s, name } : s)),
    );
    return name;
  });
  return name === stage.name
    ? []
    : [{ type: 'WorkflowStageRenamed', data: { workflowId: state.workflowId, stageId: stage.stageId, name } }];
};

const decideReorder = (command: ReorderStages, state: ExistingWorkflowState): WorkflowEvent[] => {
  const current = state.stages.map((stage) => stage.stageId);
  const isPermutation =
    command.order.length === current.length &&
    new Set(command.order).size === current.length &&
    command.order.every((id) => current.includes(id));
  if (!isPermutation)
    invalid(
      'order',
      'permutation-of-stages',
      `order must name each stage of the workflow exactly once: ${current.join(', ')}.`,
    );
  if (command.order.every((id, index) => id === current[index])) return [];
  return [{ type: 'WorkflowStagesReordered', data: { workflowId: state.workflowId, order: [...command.order] } }];
};

/** Leads in a removed stage are shown in the fallback, which must mean the same (open, won or lost). */
const decideRemoveStage = (command: RemoveStage, state: ExistingWorkflowState): WorkflowEvent[] => {
  const removed = findStage(state, command.stageId, 'stageId');
  const fallback = findStage(state, command.fallbackStageId, 'fallbackStageId');
  if (fallback.stageId === removed.stageId)
    invalid('fallbackStageId', 'other-stage', 'The fallback must be another stage than the one removed.');
  if (fallback.category !== removed.category) {
    invalid(
      'fallbackStageId',
      'same-category',
      `Stage "${removed.name}" is ${removed.category}; its fallback must be ${removed.category} too, not ${fallback.category}.`,
    );
  }
  if (
    removed.category === StageCategory.Open &&
    state.stages.filter((s) => s.category === StageCategory.Open).length === 1
  ) {
    invalid('stageId', 'open-stage-required', 'A workflow keeps at least one open stage.');
  }
  return [
    {
      type: 'WorkflowStageRemoved',
      data: { workflowId: state.workflowId, stageId: removed.stageId, fallbackStageId: fallback.stageId },
    },
  ];
};

export const decideWorkflow = (
  command: WorkflowCommand,
  state: WorkflowState,
  context: CommandContext,
): WorkflowEvent[] => {
  requirePermission(context, Permission.AdminWorkflows, 'change workflows');
  if (command.type === 'CreateWorkflow') return decideCreate(command, state, context);
  if (!state.exists || state.workflowId !== command.workflowId) {
    return refuse(
      DomainErrorCode.UnknownWorkflow,
      'workflowId',
      'must-exist',
      `There is no workflow ${command.workflowId}.`,
    );
  }
  requireSameOrganisation(state.orgId, context, 'workflowId');
  return match(command)
    .returnType<WorkflowEvent[]>()
    .with({ type: 'RenameWorkflow' }, (c) => {
      const name = checked((issues) => requiredText(issues, 'name', c.name, TEXT_LIMITS.workflowName));
      return name === state.name ? [] : [{ type: 'WorkflowRenamed', data: { workflowId: state.workflowId, name } }];
    })
    .with({ type: 'AddStage' }, (c) => decideAddStage(c, state))
    .with({ type: 'RenameStage' }, (c) => decideRenameStage(c, state))
    .with({ type: 'ReorderStages' }, (c) => decideReorder(c, state))
    .with({ type: 'RemoveStage' }, (c) => decideRemoveStage(c, state))
    .exhaustive();
};

export const workflowDecider: Decider<WorkflowCommand, WorkflowEvent, WorkflowState> = {
  decide: decideWorkflow,
  evolve: evolveWorkflow,
  initialState: initialWorkflowState,
};

export const foldWorkflow = (events: readonly WorkflowEvent[]): WorkflowState => fold(workflowDecider, events);
