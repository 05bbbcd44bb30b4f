// Claims: a person takes a pool lead for a window (the organisation's claim window), then keeps it
// (take ownership), gives it back (release) or lets it lapse. A lapsed claim blocks nobody, even before
// ClaimExpired is written; every claim ends with exactly one ClaimReleased or ClaimExpired.
import type { CommandContext } from '../shared/context.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import { hasPermission, Permission } from '../shared/permissions.js';
import type { ClaimLead, ExpireClaim, ReleaseClaim, TakeOwnership } from './commands.js';
import type { ClaimExpired, ClaimReleased, LeadEvent } from './events.js';
import { requireNotConverted, requireSettings } from './guards.js';
import { isClaimLive, liveClaim, type ExistingLeadState, type LeadClaim } from './state.js';

const released = (state: ExistingLeadState, claim: LeadClaim): ClaimReleased => ({
  type: 'ClaimReleased',
  data: { leadId: state.leadId, claimId: claim.claimId, claimedBy: claim.by },
});

const expired = (state: ExistingLeadState, claim: LeadClaim): ClaimExpired => ({
  type: 'ClaimExpired',
  data: { leadId: state.leadId, claimId: claim.claimId, claimedBy: claim.by, expiresAt: claim.expiresAt },
});

/** The event that ends the current claim before something else takes over the lead (or none). */
export const endClaim = (state: ExistingLeadState, now: Date): (ClaimReleased | ClaimExpired)[] => {
  if (state.claim === null) return [];
  return [isClaimLive(state.claim, now) ? released(state, state.claim) : expired(state, state.claim)];
};

export const decideClaim = (command: ClaimLead, state: ExistingLeadState, context: CommandContext): LeadEvent[] => {
  requireNotConverted(state, 'claiming it');
  if (state.ownerId !== null) {
    refuse(
      DomainErrorCode.AlreadyOwned,
      'leadId',
      'must-be-in-pool',
      `Lead ${state.leadId} is owned by ${state.ownerId}; only pool leads are claimed.`,
    );
  }
  const held = liveClaim(state.claim, context.now);
  if (held !== null) {
    // A retried command is harmless; any other claim on a held lead is refused.
    if (held.claimId === command.claimId && held.by === context.actor.userId) return [];
    refuse(
      DomainErrorCode.ClaimHeld,
      'leadId',
      'not-claimed',
      `Lead ${state.leadId} is claimed by ${held.by} until ${held.expiresAt}.`,
    );
  }
  const settings = requireSettings(context);
  const claimed: LeadEvent = {
    type: 'LeadClaimed',
    data: {
      leadId: state.leadId,
      claimId: command.claimId,
      by: context.actor.userId,
      at: context.now.toISOString(),
      expiresAt: new Date(context.now.getTime() + settings.claimWindowMs).toISOString(),
    },
  };
  // A lapsed claim not yet expired is recorded as expired first, so every claim has its end.
  return [...endClaim(state, context.now), claimed];
};

/** The live claim, which only its holder or someone seeing all leads may end early. */
const requireLiveClaim = (state: ExistingLeadState, context: CommandContext, action: string): LeadClaim => {
  const claim = state.claim;
  if (claim === null) {
    return refuse(
      DomainErrorCode.NotClaimed,
      'leadId',
      'live-claim',
      `Lead ${state.leadId} is not claimed; there is nothing to ${action}.`,
    );
  }
  if (!isClaimLive(claim, context.now)) {
    refuse(
      DomainErrorCode.NotClaimed,
      'leadId',
      'live-claim',
      `The claim of ${claim.by} on lead ${state.leadId} lapsed at ${claim.expiresAt}; there is nothing to ${action}.`,
    );
  }
  if (claim.by !== context.actor.userId && !hasPermission(context.actor, Permission.ViewAllLeads)) {
    refuse(
      DomainErrorCode.PermissionDenied,
      'leadId',
      'own-claim',
      `Lead ${state.leadId} is claimed by ${claim.by}; only they or a manager may ${action}.`,
    );
  }
  return claim;
};

export const decideRelease = (
  _command: ReleaseClaim,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] => [released(state, requireLiveClaim(state, context, 'release'))];

/**
 * The expiry worker's command. A claim that already ended (released, expired, replaced) decides nothing,
 * so two workers or a retry are harmless; a claim that still holds is refused with CLAIM_HELD.
 */
export const decideExpire = (command: ExpireClaim, state: ExistingLeadState, context: CommandContext): LeadEvent[] => {
  const claim = state.claim;
  if (claim === null || claim.claimId !== command.claimId) return [];
  if (isClaimLive(claim, context.now)) {
    refuse(
      DomainErrorCode.ClaimHeld,
      'claimId',
      'claim-lapsed',
      `Claim ${claim.claimId} holds until ${claim.expiresAt}; it cannot expire at ${context.now.toISOString()}.`,
    );
  }
  return [expired(state, claim)];
};

/** The claimant keeps the lead as its owner; a manager may confirm it for them. */
export const decideTakeOwnership = (
  _command: TakeOwnership,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] => {
  const claim = requireLiveClaim(state, context, 'take ownership of');
  return [
    released(state, claim),
    {
      type: 'LeadAssigned',
      data: { leadId: state.leadId, ownerId: claim.by, previousOwnerId: null, via: 'take-ownership', ruleId: null },
    },
  ];
};
