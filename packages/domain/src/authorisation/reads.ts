// What an actor may read beyond single leads: another organisation's data never, organisation-wide
// figures (analytics, funnels, rule simulations) only with View All Leads, and a duplicate match's
// details only when the match is a lead the actor may see.
import { DomainErrorCode, PermissionDeniedError } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import type { OrgId } from '../shared/ids.js';
import { hasPermission, Permission, type Actor } from '../shared/permissions.js';
import { canViewLead, type LeadVisibilityFacts } from './can-view-lead.js';

/** A read of another organisation's aggregate is refused as a whole, whatever the actor's permissions. */
export const requireOwnOrganisation = (actor: Actor, orgId: OrgId, field: string): void => {
  if (orgId !== actor.orgId) {
    refuse(
      DomainErrorCode.WrongOrganisation,
      field,
      'same-organisation',
      `${actor.userId} acts in organisation ${actor.orgId} and may not read another organisation's data.`,
    );
  }
};

/** Whether the actor may see figures over every lead of the organisation. */
export const canViewOrganisationWide = (actor: Actor): boolean => hasPermission(actor, Permission.ViewAllLeads);

/** Refuses figures over every lead of the organisation (`what`) to an actor without View All Leads. */
export const requireOrganisationWide = (actor: Actor, what: string, field = 'actor'): void => {
  if (!canViewOrganisationWide(actor)) {
    throw new PermissionDeniedError({
      field,
      rule: 'view-all-leads',
      message: `${actor.userId} may not see ${what}: it covers every lead of the organisation (View All Leads).`,
    });
  }
};

/**
 * A duplicate match is named with its details only to an actor who may see that lead; anyone else is
 * told that a duplicate exists and nothing about it (not even whose it is).
 */
export const canSeeDuplicateDetails = (actor: Actor, match: LeadVisibilityFacts): boolean => canViewLead(actor, match);

/** The client roster (names, contacts) is for anyone who may see leads at all; each client's leads are still filtered. */
export const requireClientRoster = (actor: Actor, field = 'viewer'): void => {
  if (!hasPermission(actor, Permission.ViewLeads)) {
    throw new PermissionDeniedError({
      field,
      rule: `requires:${Permission.ViewLeads}`,
      message: `${actor.userId} may not see the client roster: the ${Permission.ViewLeads} permission is required.`,
    });
  }
};
