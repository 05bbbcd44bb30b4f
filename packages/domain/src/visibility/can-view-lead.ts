// Who sees (and so may work) which lead. Queries filter with it; the lead decider applies it to every
// command on an existing lead.
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
  if (hasPermission(actor, Permission.ViewAllLeads)) return true;
  if (!hasPermission(actor, Permission.ViewLeads)) return false;
  if (lead.ownerId === actor.userId || lead.claimedBy === actor.userId) return true;
  return lead.ownerId === null && lead.claimedBy === null && hasPermission(actor, Permission.ManageLeads);
};
