// Typed queries of the claim pool and work queue, filtered, ordered and paged in SQL. `lapsedClaims` and
// `nextClaimExpiries` serve the claim-expiry worker across organisations; the others are one
// organisation per query.
import type { Actor } from '@leadline/domain';
import { ClaimId, LeadId, OrgId, UserId } from '@leadline/domain';
import { decodeCursor } from '../../sql/cursor.js';
import { keysetPage, keysetPageNullsLast } from '../../sql/keyset.js';
import type { Page } from '../../sql/page.js';
import { pageOf, pageSize } from '../../sql/page.js';
import type { ReadModelReader } from '../../store/port.js';
import type { ReadModelDatabase } from '../database.js';
import { readModelDb } from '../database.js';
import { liveClaimant } from '../shared/visibility.js';
import { claimHolds, noLiveClaim, visibleTo } from '../shared/visibility-sql.js';

const LEADS = 'claims_leads';
type ClaimRow = ReadModelDatabase[typeof LEADS];

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

/** A page of a list: how many (1 to 500) and after which cursor. */
export interface PageRequest {
  readonly limit?: number;
  readonly after?: string;
}

const poolLead = (row: ClaimRow): PoolLead => ({
  leadId: LeadId(row.lead_id),
  name: row.name,
  createdAt: row.created_at,
  nextCallAt: row.next_call_at,
});

/** Claim rows are read only where a claim is recorded, so its columns are set. */
const claimOf = (row: ClaimRow): LiveClaim => ({
  leadId: LeadId(row.lead_id),
  orgId: OrgId(row.org_id),
  name: row.name,
  claimId: ClaimId(row.claim_id ?? ''),
  claimedBy: UserId(row.claimed_by ?? ''),
  claimedAt: row.claimed_at ?? '',
  expiresAt: row.claim_expires_at ?? '',
});

const workable = (reader: ReadModelReader) =>
  readModelDb(reader).selectFrom(LEADS).where('state', '=', 'active').where('stage_category', '=', 'open');

const POOL_ORDER = ['created_at', 'lead_id'] as const;

/** Open leads nobody owns and nobody holds a live claim on, oldest first. */
export async function claimPool(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly now: Date } & PageRequest,
): Promise<Page<PoolLead>> {
  const size = pageSize(query.limit);
  const rows = workable(reader)
    .where('org_id', '=', query.orgId)
    .where('owner_id', 'is', null)
    .where(noLiveClaim(query.now))
    .selectAll();
  const page = await keysetPage(
    rows,
    POOL_ORDER,
    query.after === undefined ? null : decodeCursor(query.after, POOL_ORDER.length),
    size,
    // owner_id IS NULL: named first so PostgreSQL reads the pool index in order (keysetPage).
    ['owner_id'],
  );
  return pageOf(page, size, (row) => [row.created_at, row.lead_id], poolLead);
}

/** Claims that hold at `now`, the soonest to lapse first. */
export async function liveClaims(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly now: Date; readonly heldBy?: UserId; readonly limit?: number },
): Promise<LiveClaim[]> {
  let rows = readModelDb(reader)
    .selectFrom(LEADS)
    .where('org_id', '=', query.orgId)
    .where('state', '=', 'active')
    .where(claimHolds(query.now));
  if (query.heldBy !== undefined) rows = rows.where('claimed_by', '=', query.heldBy);
  const found = await rows
    .selectAll()
    .orderBy('claim_expires_at')
    .orderBy('lead_id')
    .limit(pageSize(query.limit))
    .execute();
  return Array.from(found, claimOf);
}

/** Recorded claims that have lapsed by `now` and are not yet marked expired, in every organisation. */
export async function lapsedClaims(
  reader: ReadModelReader,
  query: { readonly now: Date; readonly limit?: number },
): Promise<LiveClaim[]> {
  let rows = readModelDb(reader)
    .selectFrom(LEADS)
    .where('claim_id', 'is not', null)
    .where('claim_expires_at', '<=', query.now.toISOString())
    .selectAll()
    .orderBy('claim_expires_at')
    .orderBy('lead_id');
  if (query.limit !== undefined) rows = rows.limit(query.limit);
  return Array.from(await rows.execute(), claimOf);
}

/** The recorded claims in every organisation, soonest expiry first: the expiry worker's schedule. */
export async function nextClaimExpiries(
  reader: ReadModelReader,
  query: { readonly limit: number; readonly after?: Date },
): Promise<LiveClaim[]> {
  let rows = readModelDb(reader).selectFrom(LEADS).where('claim_id', 'is not', null);
  if (query.after !== undefined) rows = rows.where('claim_expires_at', '>', query.after.toISOString());
  const found = await rows.selectAll().orderBy('claim_expires_at').orderBy('lead_id').limit(query.limit).execute();
  return Array.from(found, claimOf);
}

/** After the next call (none last): name, then id. */
const QUEUE_THEN_BY = ['name', 'lead_id'] as const;

/** One owner's open leads the viewer may see, the nearest next call first (leads without one last). */
export async function workQueue(
  reader: ReadModelReader,
  query: {
    readonly orgId: OrgId;
    readonly ownerId: UserId;
    readonly viewer: Actor;
    readonly now: Date;
  } & PageRequest,
): Promise<Page<QueuedLead>> {
  const size = pageSize(query.limit);
  let rows = workable(reader).where('org_id', '=', query.orgId).where('owner_id', '=', query.ownerId);
  const visible = visibleTo(query.viewer, query.now);
  if (visible !== null) rows = rows.where(visible);
  const page = await keysetPageNullsLast(
    rows.selectAll(),
    'next_call_at',
    QUEUE_THEN_BY,
    query.after === undefined ? null : decodeCursor(query.after, QUEUE_THEN_BY.length + 1),
    size,
  );
  return pageOf(
    page,
    size,
    (row) => [row.next_call_at, row.name, row.lead_id],
    (row) => ({
      leadId: LeadId(row.lead_id),
      name: row.name,
      nextCallAt: row.next_call_at,
      claimedBy: liveClaimant(row, query.now),
    }),
  );
}
