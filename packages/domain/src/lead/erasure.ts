// Erasing the person behind a lead (the right to erasure, or a retention policy). The domain records
// that it happened, who asked and why; the runtime deletes the contact's key, so every personal value
// the events hold reads as a placeholder from then on (docs/privacy.md).
import type { CommandContext } from '../shared/context.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse, requirePermission, requireSameOrganisation } from '../shared/guards.js';
import { requiredText, TEXT_LIMITS } from '../validation/text.js';
import { issue, throwIfAny, type Issues } from '../validation/issues.js';
import type { LeadDetails } from './events.js';
import { ERASED_VALUE, ErasureTrigger, type ContactErased, type EraseContact } from './erasure-types.js';
import { LEAD_COMMAND_PERMISSIONS } from './permissions.js';
import type { ExistingLeadState, LeadState } from './state.js';

/**
 * Any lead of the organisation may be erased, deleted and merged ones included (their history holds
 * personal data too); erasing an erased lead decides nothing, so a repeat or a second worker is harmless.
 */
export const decideErase = (command: EraseContact, state: LeadState, context: CommandContext): ContactErased[] => {
  if (!state.exists || state.leadId !== command.leadId) {
    return refuse(DomainErrorCode.NotFound, 'leadId', 'must-exist', `There is no lead ${command.leadId}.`);
  }
  requireSameOrganisation(state.orgId, context, 'leadId');
  requirePermission(context, LEAD_COMMAND_PERMISSIONS.EraseContact, 'erase personal data');
  const { reason, trigger } = checkErasure(command);
  if (state.erased) return [];
  return [{ type: 'ContactErased', data: { leadId: state.leadId, reason, trigger } }];
};

/** An erasure's reason and trigger, checked (a lead's and a client record's alike); refuses what is not. */
export function checkErasure(command: { readonly reason: string; readonly trigger?: ErasureTrigger }): {
  readonly reason: string;
  readonly trigger: ErasureTrigger;
} {
  const issues: Issues = [];
  const reason = requiredText(issues, 'reason', command.reason, TEXT_LIMITS.reason);
  const trigger = command.trigger ?? ErasureTrigger.Request;
  if (!Object.values(ErasureTrigger).includes(trigger)) {
    issues.push(issue('trigger', 'one-of:request,retention', 'trigger must be request or retention.'));
  }
  throwIfAny(issues);
  return { reason, trigger };
}

/** The details with every personal field replaced: what the decider keeps of an erased lead. */
export const erasedDetails = (details: LeadDetails): LeadDetails => ({
  ...details,
  name: ERASED_VALUE,
  email: details.email === null ? null : ERASED_VALUE,
  phone: details.phone === null ? null : ERASED_VALUE,
  notes: details.notes === null ? null : ERASED_VALUE,
});

export const evolveErased = (state: ExistingLeadState): Partial<ExistingLeadState> => ({
  erased: true,
  details: erasedDetails(state.details),
  absorbed: [],
  journeySteps: {},
});
