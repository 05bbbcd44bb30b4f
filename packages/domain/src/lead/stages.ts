// Moving a lead through its workflow: stage changes, losing and reopening.
import type { CommandContext } from '../shared/context.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import { StageCategory } from '../shared/values.js';
import { invalid, throwIfAny, type Issues } from '../validation/issues.js';
import { optionalText, TEXT_LIMITS } from '../validation/text.js';
import type { ChangeStage, MarkLeadLost, MoveOutOfRemovedStage, ReopenLead } from './commands.js';
import type { LeadEvent } from './events.js';
import { requireNotConverted, requireWorkflow } from './guards.js';
import { findStage, stageChanged, stageOfCategory } from './stage-events.js';
import type { ExistingLeadState } from './state.js';

const checkedReason = (raw: string | null | undefined, requiredBecause: string | null): string | null => {
  const issues: Issues = [];
  const reason = optionalText(issues, 'reason', raw, TEXT_LIMITS.reason);
  if (reason === null && requiredBecause !== null && issues.length === 0) {
    invalid('reason', 'required', `A reason is required ${requiredBecause}.`);
  }
  throwIfAny(issues);
  return reason;
};

export const decideChangeStage = (
  command: ChangeStage,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] => {
  requireNotConverted(state, 'a stage change');
  const workflow = requireWorkflow(context, state.workflowId);
  const to = findStage(workflow, command.stageId);
  if (to.stageId === state.stageId) return [];
  if (to.category === StageCategory.Won) {
    refuse(
      DomainErrorCode.InvalidTransition,
      'stageId',
      'won-by-conversion',
      `Stage "${to.name}" is won: convert the lead to a client to move it there.`,
    );
  }
  const requiredBecause =
    to.category === StageCategory.Lost
      ? 'when a lead is lost'
      : state.stageCategory === StageCategory.Lost
        ? 'to reopen a lost lead'
        : null;
  return [stageChanged(state, workflow, to, checkedReason(command.reason, requiredBecause))];
};

/** The reason a relocated lead's StageChanged carries: the journey and analytics show why it moved. */
export const STAGE_REMOVED_REASON = 'stage removed';

/**
 * A lead left in a removed stage moves to the fallback as a StageChanged, so the journey, time in stage
 * and the funnel see the move (docs/domain.md). Converted leads move too: the fallback has the category
 * of the removed stage, so a won lead stays won. A lead no longer in that stage decides nothing, which
 * makes the worker's at-least-once delivery harmless.
 */
export const decideMoveOutOfRemovedStage = (
  command: MoveOutOfRemovedStage,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] => {
  if (state.stageId !== command.stageId) return [];
  const workflow = requireWorkflow(context, state.workflowId);
  if (workflow.stages.some((stage) => stage.stageId === command.stageId)) {
    refuse(
      DomainErrorCode.InvalidTransition,
      'stageId',
      'stage-removed',
      `Stage ${command.stageId} is still a stage of workflow "${workflow.name}"; only a removed stage's leads are moved out.`,
    );
  }
  const to = findStage(workflow, command.fallbackStageId);
  if (to.category !== state.stageCategory) {
    refuse(
      DomainErrorCode.InvalidTransition,
      'fallbackStageId',
      'same-category',
      `The fallback "${to.name}" is ${to.category}; the lead's stage was ${state.stageCategory}.`,
    );
  }
  return [stageChanged(state, workflow, to, STAGE_REMOVED_REASON)];
};

export const decideMarkLost = (
  command: MarkLeadLost,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] => {
  requireNotConverted(state, 'losing it');
  if (state.stageCategory === StageCategory.Lost) {
    refuse(DomainErrorCode.InvalidTransition, 'leadId', 'not-lost', `Lead ${state.leadId} is already lost.`);
  }
  const workflow = requireWorkflow(context, state.workflowId);
  const reason = checkedReason(command.reason, 'when a lead is lost');
  return [stageChanged(state, workflow, stageOfCategory(workflow, command.stageId, StageCategory.Lost), reason)];
};

export const decideReopen = (command: ReopenLead, state: ExistingLeadState, context: CommandContext): LeadEvent[] => {
  requireNotConverted(state, 'reopening it');
  if (state.stageCategory !== StageCategory.Lost) {
    refuse(
      DomainErrorCode.InvalidTransition,
      'leadId',
      'must-be-lost',
      `Lead ${state.leadId} is not lost; only a lost lead is reopened.`,
    );
  }
  const workflow = requireWorkflow(context, state.workflowId);
  const reason = checkedReason(command.reason, 'to reopen a lost lead');
  return [stageChanged(state, workflow, stageOfCategory(workflow, command.stageId, StageCategory.Open), reason)];
};
