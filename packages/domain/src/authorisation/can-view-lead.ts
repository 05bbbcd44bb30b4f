// Who sees (and so may work) which lead. Queries filter with it; the lead decider applies it to every
// command on an existing lead. A lead created by someone who may not manage leads is owned by its
// creator (lead/lifecycle.ts), so the creator sees and works it.
import type { UserId } from '../shared/ids.js';
import { hasPermission, Permission, type Actor } from '../shared/permissions.js';

export interface LeadVisibilityFacts {
  readonly ownerId: UserId | null;
  /** The holder of a live claim (now < expiresAt), or null: a lapsed claim does not count. */
  readonly claimedBy: UserId | null;
}

/**
 * View All Leads sees every lead of the organisation. Otherwise View Leads sees the leads one owns, the
 * leads one holds a live claim on, and — for those who may claim (Manage Leads) — the pool: leads with
 * no owner and no live claim.
 */
export const canViewLead = (actor: Actor, lead: LeadVisibilityFacts): boolean => {
  // The organisation is checked apart (requireSameOrganisation): facts of a row or state of the actor's own.
  if (hasPermission(actor, Permission.ViewAllLeads)) return true;
  if (!hasPermission(actor, Permission.ViewLeads)) return false;
  if (lead.ownerId === actor.userId || lead.claimedBy === actor.userId) return true;
  return lead.ownerId === null && lead.claimedBy === null && hasPermission(actor, Permission.ManageLeads);
};

/** Why the actor cannot see the lead, in words that are true for this lead. */
export const whyHidden = (actor: Actor, lead: LeadVisibilityFacts): string => {
  if (!hasPermission(actor, Permission.ViewLeads) && !hasPermission(actor, Permission.ViewAllLeads))
    return 'seeing leads needs the View Leads permission';
  if (lead.ownerId === null && lead.claimedBy === null)
    return 'it is in the pool, which only those who may manage (claim) leads see';
  return 'it is owned or claimed by someone else (View All Leads lifts this)';
};
