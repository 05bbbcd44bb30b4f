// The checks every command on an existing lead passes before its own rules, in this order: the lead
// exists, belongs to the actor's organisation, the actor holds the permission, the lead is not deleted,
// the actor can see it, and it is not absorbed into another lead.
import type { CommandContext } from '../shared/context.js';
import { DomainErrorCode, PermissionDeniedError } from '../shared/errors.js';
import { refuse, requirePermission, requireSameOrganisation } from '../shared/guards.js';
import type { OrganisationSettings } from '../organisation/events.js';
import type { WorkflowView } from '../shared/context.js';
import { canViewLead, whyHidden } from '../authorisation/can-view-lead.js';
import type { LeadCommand } from './commands.js';
import { ACCEPTED_WHILE_ABSORBED, LEAD_COMMAND_PERMISSIONS } from './permissions.js';
import { liveClaimant, type ExistingLeadState, type LeadState } from './state.js';

export const requireWorkableLead = (
  command: Exclude<LeadCommand, { type: 'CreateLead' }>,
  state: LeadState,
  context: CommandContext,
): ExistingLeadState => {
  if (!state.exists || state.leadId !== command.leadId) {
    return refuse(DomainErrorCode.NotFound, 'leadId', 'must-exist', `There is no lead ${command.leadId}.`);
  }
  requireSameOrganisation(state.orgId, context, 'leadId');
  requirePermission(context, LEAD_COMMAND_PERMISSIONS[command.type], describe(command.type));
  if (state.deleted) {
    refuse(
      DomainErrorCode.LeadDeleted,
      'leadId',
      'not-deleted',
      `Lead ${state.leadId} was deleted; it accepts no command.`,
    );
  }
  if (state.erased) {
    refuse(
      DomainErrorCode.ContactErased,
      'leadId',
      'not-erased',
      `The person behind lead ${state.leadId} was erased; the lead accepts no command.`,
    );
  }
  // A claim's own rules (pool leads only, no claim in force) say more than "cannot see it" would.
  const facts = { ownerId: state.ownerId, claimedBy: liveClaimant(state, context.now) };
  if (command.type !== 'ClaimLead' && !canViewLead(context.actor, facts)) {
    throw new PermissionDeniedError({
      field: 'leadId',
      rule: 'visible-to-actor',
      message: `${context.actor.userId} cannot see lead ${state.leadId}: ${whyHidden(context.actor, facts)}.`,
    });
  }
  if (state.mergedInto !== null && !ACCEPTED_WHILE_ABSORBED.has(command.type)) {
    refuse(
      DomainErrorCode.LeadMerged,
      'leadId',
      'not-merged',
      `Lead ${state.leadId} is merged into ${state.mergedInto.survivorId}; work on that lead, or unmerge first.`,
    );
  }
  return state;
};

const describe = (commandType: string): string => commandType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

export const requireSettings = (context: CommandContext): OrganisationSettings => {
  if (context.organisation === null || context.organisation.orgId !== context.orgId) {
    return refuse(
      DomainErrorCode.NotFound,
      'orgId',
      'organisation-exists',
      `Organisation ${context.orgId} is not set up yet.`,
    );
  }
  return context.organisation.settings;
};

export const requireWorkflow = (context: CommandContext, workflowId: ExistingLeadState['workflowId']): WorkflowView => {
  const workflow = context.workflows.get(workflowId);
  if (workflow === undefined || workflow.orgId !== context.orgId) {
    return refuse(
      DomainErrorCode.UnknownWorkflow,
      'workflowId',
      'workflow-of-organisation',
      `Workflow ${workflowId} is not a workflow of this organisation.`,
    );
  }
  return workflow;
};

export const requireNotConverted = (state: ExistingLeadState, what: string): void => {
  if (state.converted) {
    refuse(
      DomainErrorCode.LeadConverted,
      'leadId',
      'not-converted',
      `Lead ${state.leadId} was converted to a client; ${what} is no longer possible.`,
    );
  }
};
