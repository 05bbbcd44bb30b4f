// The domain's visibility rule (canViewLead) and claim-is-live rule as SQL conditions, so lists filter in
// the database and page what the viewer may see. The read-model conformance suite checks that these
// conditions select exactly the rows canViewRow accepts.
import type { Actor } from '@leadline/domain';
import { hasPermission, Permission } from '@leadline/domain';
import type { RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';

/** Columns of a lead row that visibility reads (qualified names when the query joins). */
export interface VisibilityColumns {
  readonly ownerId: string;
  readonly claimedBy: string;
  readonly claimExpiresAt: string;
}

export const LEAD_VISIBILITY: VisibilityColumns = {
  ownerId: 'owner_id',
  claimedBy: 'claimed_by',
  claimExpiresAt: 'claim_expires_at',
};

/** A claim holds while now < expiresAt: true for rows whose recorded claim is live at `now`. */
export function claimHolds(now: Date, columns: VisibilityColumns = LEAD_VISIBILITY): RawBuilder<SqlBool> {
  const expiresAt = sql.ref(columns.claimExpiresAt);
  // Never NULL, so NOT of it is exact (SQL's NOT NULL would drop the row).
  return sql<SqlBool>`(${sql.ref(columns.claimedBy)} IS NOT NULL AND ${expiresAt} IS NOT NULL AND ${expiresAt} > ${now.toISOString()})`;
}

/**
 * `NOT claimHolds`, written as plain comparisons: the same rows, but a planner can estimate them (a
 * negated conjunction it took for a handful of rows, and sorted a whole pool to page it).
 */
export function noLiveClaim(now: Date, columns: VisibilityColumns = LEAD_VISIBILITY): RawBuilder<SqlBool> {
  const expiresAt = sql.ref(columns.claimExpiresAt);
  return sql<SqlBool>`(${sql.ref(columns.claimedBy)} IS NULL OR ${expiresAt} IS NULL OR ${expiresAt} <= ${now.toISOString()})`;
}

/** Rows the viewer may see at `now`; null when they may see every lead of the organisation. */
export function visibleTo(
  viewer: Actor,
  now: Date,
  columns: VisibilityColumns = LEAD_VISIBILITY,
): RawBuilder<SqlBool> | null {
  if (hasPermission(viewer, Permission.ViewAllLeads)) return null;
  if (!hasPermission(viewer, Permission.ViewLeads)) return sql<SqlBool>`1 = 0`;
  const owner = sql.ref(columns.ownerId);
  const holds = claimHolds(now, columns);
  const own = sql<SqlBool>`(${owner} = ${viewer.userId} OR (${sql.ref(columns.claimedBy)} = ${viewer.userId} AND ${holds}))`;
  if (!hasPermission(viewer, Permission.ManageLeads)) return own;
  return sql<SqlBool>`(${own} OR (${owner} IS NULL AND ${noLiveClaim(now, columns)}))`;
}
