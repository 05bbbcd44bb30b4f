// Merging duplicates and undoing it. Nothing is destroyed: the survivor records its details before and
// after, each absorbed lead is kept (refusing edits) until unmerged. Each side is decided on its own
// stream; the caller issues MergeLeads on the survivor and MarkLeadMerged on each absorbed lead.
import type { CommandContext } from '../shared/context.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import { invalid } from '../validation/issues.js';
import type { MarkLeadMerged, MarkLeadUnmerged, MergeLeads, UnmergeLeads } from './commands.js';
import type { LeadEvent } from './events.js';
import { endClaim } from './claims.js';
import { mergeLeadDetails, unmergeLeadDetails } from './merge-rule.js';
import type { ExistingLeadState } from './state.js';

export const decideMerge = (command: MergeLeads, state: ExistingLeadState, _context: CommandContext): LeadEvent[] => {
  const ids = command.absorbed.map((lead) => lead.leadId);
  if (ids.length === 0) invalid('absorbed', 'non-empty', 'Name at least one lead to merge into this one.');
  if (ids.includes(state.leadId)) invalid('absorbed', 'not-self', `Lead ${state.leadId} cannot absorb itself.`);
  if (new Set(ids).size !== ids.length) invalid('absorbed', 'distinct', 'Each absorbed lead may be named once.');
  if (state.absorbed.some((merge) => merge.mergeId === command.mergeId)) {
    refuse(
      DomainErrorCode.AlreadyExists,
      'mergeId',
      'new-merge-id',
      `Merge ${command.mergeId} was already recorded on lead ${state.leadId}.`,
    );
  }
  const after = mergeLeadDetails(
    state.details,
    command.absorbed.map((lead) => lead.details),
  );
  return [
    {
      type: 'LeadMerged',
      data: {
        leadId: state.leadId,
        mergeId: command.mergeId,
        side: 'survivor',
        absorbedLeadIds: ids,
        before: state.details,
        after,
      },
    },
  ];
};

export const decideMarkMerged = (
  command: MarkLeadMerged,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] => {
  if (command.survivorId === state.leadId)
    invalid('survivorId', 'not-self', `Lead ${state.leadId} cannot be merged into itself.`);
  if (state.absorbed.length > 0) {
    refuse(
      DomainErrorCode.InvalidTransition,
      'leadId',
      'not-a-survivor',
      `Lead ${state.leadId} has absorbed other leads; unmerge them before merging it into another.`,
    );
  }
  return [
    ...endClaim(state, context.now),
    {
      type: 'LeadMerged',
      data: { leadId: state.leadId, mergeId: command.mergeId, side: 'absorbed', survivorId: command.survivorId },
    },
  ];
};

export const decideUnmerge = (
  command: UnmergeLeads,
  state: ExistingLeadState,
  _context: CommandContext,
): LeadEvent[] => {
  const merge =
    state.absorbed.find((candidate) => candidate.mergeId === command.mergeId) ??
    refuse(
      DomainErrorCode.NotFound,
      'mergeId',
      'merge-in-force',
      `Lead ${state.leadId} has no merge ${command.mergeId} in force.`,
    );
  return [
    {
      type: 'LeadUnmerged',
      data: {
        leadId: state.leadId,
        mergeId: merge.mergeId,
        side: 'survivor',
        restoredLeadIds: merge.absorbedLeadIds,
        restored: unmergeLeadDetails(state.details, merge),
      },
    },
  ];
};

export const decideMarkUnmerged = (
  command: MarkLeadUnmerged,
  state: ExistingLeadState,
  _context: CommandContext,
): LeadEvent[] => {
  const mergedInto =
    state.mergedInto?.mergeId === command.mergeId
      ? state.mergedInto
      : refuse(
          DomainErrorCode.NotFound,
          'mergeId',
          'merge-in-force',
          `Lead ${state.leadId} is not absorbed by merge ${command.mergeId}.`,
        );
  return [
    {
      type: 'LeadUnmerged',
      data: { leadId: state.leadId, mergeId: command.mergeId, side: 'absorbed', survivorId: mergedInto.survivorId },
    },
  ];
};
