// Who sees which lead in a query: the domain's rule (canViewLead), fed from a read-model row.
import type { Actor, UserId } from '@leadline/domain';
import { canViewLead } from '@leadline/domain';
import type { Row } from '../../store/schema.js';

/** The claimant while the claim holds at `now`; a lapsed claim gives no one anything. */
export function liveClaimant(row: Row, now: Date): UserId | null {
  const by = row['claimed_by'];
  const expiresAt = row['claim_expires_at'];
  if (typeof by !== 'string' || typeof expiresAt !== 'string') return null;
  return now.getTime() < Date.parse(expiresAt) ? (by as UserId) : null;
}

export const canViewRow = (viewer: Actor, row: Row, now: Date): boolean =>
  canViewLead(viewer, { ownerId: (row['owner_id'] as UserId | null) ?? null, claimedBy: liveClaimant(row, now) });

export type ClaimState = 'unclaimed' | 'claimed' | 'lapsed';

/** claimed: held now; lapsed: recorded but past its expiry, not yet marked expired. */
export function claimStateOf(row: Row, now: Date): ClaimState {
  if (row['claim_id'] === null || row['claim_id'] === undefined) return 'unclaimed';
  return liveClaimant(row, now) === null ? 'lapsed' : 'claimed';
}
