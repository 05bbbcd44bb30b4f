// Typed queries of the claim pool and work queue. `lapsedClaims` and `nextClaimExpiry` serve the
// claim-expiry worker across organisations; the others are one organisation per query.
import type { Actor, ClaimId, LeadId, OrgId, UserId } from '@leadline/domain';
import type { ReadModelReader } from '../../store/port.js';
import type { Condition } from '../../store/query.js';
import { eq, gt, isNull, lte, notNull } from '../../store/query.js';
import type { Row } from '../../store/schema.js';
import { text, textOrNull } from '../shared/rows.js';
import { canViewRow, liveClaimant } from '../shared/visibility.js';
import { claimsProjector } from './projector.js';
import { claimsLeads } from './tables.js';

const target = { name: claimsProjector.name };
const WORKABLE: readonly Condition[] = [eq('state', 'active'), eq('stage_category', 'open')];

export interface PoolLead {
  readonly leadId: LeadId;
  readonly name: string;
  readonly createdAt: string;
  readonly nextCallAt: string | null;
}

export interface LiveClaim {
  readonly leadId: LeadId;
  readonly orgId: OrgId;
  readonly name: string;
  readonly claimId: ClaimId;
  readonly claimedBy: UserId;
  readonly claimedAt: string;
  readonly expiresAt: string;
}

export interface QueuedLead {
  readonly leadId: LeadId;
  readonly name: string;
  readonly nextCallAt: string | null;
  readonly claimedBy: UserId | null;
}

const poolLead = (row: Row): PoolLead => ({
  leadId: text(row, 'lead_id') as LeadId,
  name: text(row, 'name'),
  createdAt: text(row, 'created_at'),
  nextCallAt: textOrNull(row, 'next_call_at'),
});

const claimOf = (row: Row): LiveClaim => ({
  leadId: text(row, 'lead_id') as LeadId,
  orgId: text(row, 'org_id') as OrgId,
  name: text(row, 'name'),
  claimId: text(row, 'claim_id') as ClaimId,
  claimedBy: text(row, 'claimed_by') as UserId,
  claimedAt: text(row, 'claimed_at'),
  expiresAt: text(row, 'claim_expires_at'),
});

/** Open leads nobody owns and nobody holds a live claim on, oldest first. */
export async function claimPool(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly now: Date; readonly limit?: number },
): Promise<PoolLead[]> {
  const rows = await reader.select(target, claimsLeads.name, {
    where: [eq('org_id', query.orgId), isNull('owner_id'), ...WORKABLE],
    orderBy: [{ column: 'created_at' }, { column: 'lead_id' }],
  });
  const free = rows.filter((row) => liveClaimant(row, query.now) === null).map(poolLead);
  return query.limit === undefined ? free : free.slice(0, query.limit);
}

/** Claims that hold at `now`, the soonest to lapse first. */
export async function liveClaims(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly now: Date; readonly limit?: number },
): Promise<LiveClaim[]> {
  const rows = await reader.select(target, claimsLeads.name, {
    where: [eq('org_id', query.orgId), eq('state', 'active'), gt('claim_expires_at', query.now.toISOString())],
    orderBy: [{ column: 'claim_expires_at' }, { column: 'lead_id' }],
    ...(query.limit === undefined ? {} : { limit: query.limit }),
  });
  return rows.map(claimOf);
}

/** Recorded claims that have lapsed by `now` and are not yet marked expired, in every organisation. */
export async function lapsedClaims(
  reader: ReadModelReader,
  query: { readonly now: Date; readonly limit?: number },
): Promise<LiveClaim[]> {
  const rows = await reader.select(target, claimsLeads.name, {
    where: [notNull('claim_id'), lte('claim_expires_at', query.now.toISOString())],
    orderBy: [{ column: 'claim_expires_at' }, { column: 'lead_id' }],
    ...(query.limit === undefined ? {} : { limit: query.limit }),
  });
  return rows.map(claimOf);
}

/** The recorded claims in every organisation, soonest expiry first: the expiry worker's schedule. */
export async function nextClaimExpiries(
  reader: ReadModelReader,
  query: { readonly limit: number; readonly after?: Date },
): Promise<LiveClaim[]> {
  const rows = await reader.select(target, claimsLeads.name, {
    where: [
      notNull('claim_id'),
      ...(query.after === undefined ? [] : [gt('claim_expires_at', query.after.toISOString())]),
    ],
    orderBy: [{ column: 'claim_expires_at' }, { column: 'lead_id' }],
    limit: query.limit,
  });
  return rows.map(claimOf);
}

/** One owner's open leads, the nearest next call first (leads without one last). */
export async function workQueue(
  reader: ReadModelReader,
  query: {
    readonly orgId: OrgId;
    readonly ownerId: UserId;
    readonly viewer: Actor;
    readonly now: Date;
    readonly limit?: number;
  },
): Promise<QueuedLead[]> {
  const rows = await reader.select(target, claimsLeads.name, {
    where: [eq('org_id', query.orgId), eq('owner_id', query.ownerId), ...WORKABLE],
    orderBy: [{ column: 'next_call_at', nulls: 'last' }, { column: 'name' }, { column: 'lead_id' }],
  });
  const visible = rows
    .filter((row) => canViewRow(query.viewer, row, query.now))
    .map((row) => ({
      leadId: text(row, 'lead_id') as LeadId,
      name: text(row, 'name'),
      nextCallAt: textOrNull(row, 'next_call_at'),
      claimedBy: liveClaimant(row, query.now),
    }));
  return query.limit === undefined ? visible : visible.slice(0, query.limit);
}
