// Roles (Lead > Prospect > Client, forward only), conversion to a client, and links to a client.
import type { CommandContext } from '../shared/context.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import { invalid } from '../validation/issues.js';
import { Role, ROLE_ORDER, StageCategory } from '../shared/values.js';
import type { ConvertToClient, LinkToClient, PromoteRole } from './commands.js';
import type { LeadEvent } from './events.js';
import { requireNotConverted, requireWorkflow } from './guards.js';
import { stageChanged, stageOfCategory } from './stage-events.js';
import type { ExistingLeadState } from './state.js';

const rank = (role: Role): number => ROLE_ORDER.indexOf(role);

export const decidePromote = (
  command: PromoteRole,
  state: ExistingLeadState,
  _context: CommandContext,
): LeadEvent[] => {
  if (rank(command.to) < 0) {
    invalid('to', 'known-role', `"${command.to}" is not a role; use ${ROLE_ORDER.join(', ')}.`);
  }
  if (command.to === state.role) return [];
  if (rank(command.to) < rank(state.role)) {
    refuse(
      DomainErrorCode.RoleRegression,
      'to',
      'forward-only',
      `Lead ${state.leadId} is a ${state.role}; roles only move forward (${ROLE_ORDER.join(' > ')}).`,
    );
  }
  if (command.to === Role.Client) {
    refuse(
      DomainErrorCode.InvalidTransition,
      'to',
      'client-by-conversion',
      `A lead becomes a Client by conversion: convert lead ${state.leadId} to a client.`,
    );
  }
  return [{ type: 'RolePromoted', data: { leadId: state.leadId, from: state.role, to: command.to } }];
};

/** Conversion moves the lead to a won stage, promotes it to Client and records the client, at once. */
export const decideConvert = (
  command: ConvertToClient,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] => {
  requireNotConverted(state, 'converting it again');
  if (state.stageCategory === StageCategory.Lost) {
    refuse(
      DomainErrorCode.InvalidTransition,
      'leadId',
      'not-lost',
      `Lead ${state.leadId} is lost; reopen it (with a reason) before converting it.`,
    );
  }
  // Typed, but a JSON caller may send anything: refused here by name rather than stored.
  const mode: string = command.mode;
  if (mode !== 'new' && mode !== 'merged') {
    invalid('mode', 'new-or-merged', 'mode must be "new" (a new client) or "merged" (into an existing client).');
  }
  const workflow = requireWorkflow(context, state.workflowId);
  const won = stageOfCategory(workflow, command.stageId, StageCategory.Won);
  const events: LeadEvent[] = [];
  if (won.stageId !== state.stageId) events.push(stageChanged(state, workflow, won, null));
  if (state.role !== Role.Client) {
    events.push({ type: 'RolePromoted', data: { leadId: state.leadId, from: state.role, to: Role.Client } });
  }
  events.push({
    type: 'ConvertedToClient',
    data: { leadId: state.leadId, clientId: command.clientId, mode: command.mode },
  });
  return events;
};

export const decideLink = (command: LinkToClient, state: ExistingLeadState, _context: CommandContext): LeadEvent[] => {
  if (state.clientId === command.clientId) return [];
  requireNotConverted(state, 'linking it to another client');
  return [{ type: 'LinkedToClient', data: { leadId: state.leadId, clientId: command.clientId } }];
};
