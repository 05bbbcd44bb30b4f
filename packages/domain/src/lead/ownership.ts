// Formal ownership: assign a pool lead, transfer an owned one, or put it back in the pool.
import type { CommandContext } from '../shared/context.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import type { AssignLead, UnassignLead } from './commands.js';
import type { LeadEvent } from './events.js';
import { endClaim } from './claims.js';
import { liveClaim, type ExistingLeadState } from './state.js';

export const decideAssign = (command: AssignLead, state: ExistingLeadState, context: CommandContext): LeadEvent[] => {
  if (state.ownerId === command.ownerId) return [];
  const claim = liveClaim(state.claim, context.now);
  if (claim !== null && claim.by !== command.ownerId) {
    refuse(
      DomainErrorCode.ClaimHeld,
      'leadId',
      'not-claimed-by-another',
      `Lead ${state.leadId} is claimed by ${claim.by} until ${claim.expiresAt}; release the claim first, or assign it to them.`,
    );
  }
  const ruleId = command.ruleId ?? null;
  return [
    ...endClaim(state, context.now),
    {
      type: 'LeadAssigned',
      data: {
        leadId: state.leadId,
        ownerId: command.ownerId,
        previousOwnerId: state.ownerId,
        via: ruleId !== null ? 'rule' : state.ownerId === null ? 'assign' : 'transfer',
        ruleId,
      },
    },
  ];
};

export const decideUnassign = (
  _command: UnassignLead,
  state: ExistingLeadState,
  _context: CommandContext,
): LeadEvent[] => {
  if (state.ownerId === null) {
    return refuse(
      DomainErrorCode.InvalidTransition,
      'leadId',
      'must-be-owned',
      `Lead ${state.leadId} has no owner; it is already in the pool.`,
    );
  }
  return [{ type: 'LeadUnassigned', data: { leadId: state.leadId, previousOwnerId: state.ownerId } }];
};
