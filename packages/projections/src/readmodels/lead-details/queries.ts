// The lead detail: one lead with every field, its latest notes, its stage and workflow names, the head
// of its journey and whether it is unread for the viewer; null when the viewer may not see it.
import type { Actor, CallOutcome, CustomFields, LeadDetails, OrgId, Role, StageCategory } from '@leadline/domain';
import { ClientId, LeadId, NoteId, RATING_ORDER, StageId, UserId, WorkflowId } from '@leadline/domain';
import type { RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { pageSize } from '../../sql/page.js';
import type { ReadModelReader } from '../../store/port.js';
import { readModelDb } from '../database.js';
import { stageCategory } from '../shared/rows.js';
import type { ClaimState } from '../shared/visibility.js';
import { claimStateOf } from '../shared/visibility.js';
import { visibleTo } from '../shared/visibility-sql.js';

export interface LeadDetailQuery {
  readonly orgId: OrgId;
  readonly leadId: LeadId;
  readonly viewer: Actor;
  /** The instant claims are judged at. */
  readonly now: Date;
  /** How many of the latest notes to include: 0 to 500, default 5. */
  readonly notes?: number;
}

export interface LeadDetailNote {
  readonly noteId: NoteId;
  readonly text: string;
  readonly outcome: CallOutcome | null;
  readonly loggedAt: string;
  readonly loggedBy: UserId;
}

/** The lead's own fields (`notes` is its notes field), then what the read model knows around them. */
export interface LeadDetail extends LeadDetails {
  readonly leadId: LeadId;
  readonly orgId: OrgId;
  /** The latest logged notes, newest first. */
  readonly latestNotes: readonly LeadDetailNote[];
  readonly ownerId: UserId | null;
  readonly claim: {
    readonly state: ClaimState;
    readonly by: UserId | null;
    readonly until: string | null;
  };
  readonly nextCall: { readonly at: string; readonly note: string | null } | null;
  readonly clientId: ClientId | null;
  readonly role: Role;
  readonly workflow: { readonly workflowId: WorkflowId; readonly name: string | null };
  readonly stage: { readonly stageId: StageId; readonly name: string | null; readonly category: StageCategory | null };
  /** active, or merged into another lead (its detail still reads). */
  readonly state: 'active' | 'merged';
  readonly createdAt: string;
  readonly createdBy: UserId;
  readonly lastActivityAt: string;
  /** Unread for the viewer: they own it and someone else changed it since they last opened it. */
  readonly unread: boolean;
  readonly readAt: string | null;
  /** The latest step of the journey and its hash (null before the journey read model caught up). */
  readonly journeyHead: {
    readonly seq: number;
    readonly hash: string;
    readonly kind: string;
    readonly summary: string;
    readonly occurredAt: string;
  } | null;
}

export const DEFAULT_DETAIL_NOTES = 5;

/**
 * Unread for `viewer`, in SQL over lead_details (`details`) and the viewer's lead_reads row (`reads`):
 * they own the lead and the last change by someone other than them is past their last opening.
 */
export function unreadFor(viewer: { readonly userId: string }, details = 'lead_details', reads = 'lead_reads') {
  const column = (table: string, name: string) => sql.ref(`${table}.${name}`);
  const lastOtherChange = sql`CASE WHEN ${column(details, 'last_change_by')} = ${viewer.userId} THEN COALESCE(${column(details, 'other_change_position')}, -1) ELSE ${column(details, 'last_change_position')} END`;
  return sql<SqlBool>`(${column(details, 'owner_id')} = ${viewer.userId} AND ${lastOtherChange} > COALESCE(${column(reads, 'read_position')}, -1))`;
}

const QUALIFIED = {
  ownerId: 'd.owner_id',
  claimedBy: 'd.claimed_by',
  claimExpiresAt: 'd.claim_expires_at',
} as const;

export async function leadDetail(reader: ReadModelReader, query: LeadDetailQuery): Promise<LeadDetail | null> {
  const notes = pageSize(query.notes, 'notes', DEFAULT_DETAIL_NOTES, 0);
  const db = readModelDb(reader);
  const unread: RawBuilder<SqlBool> = unreadFor(query.viewer, 'd', 'r');
  let rows = db
    .selectFrom('lead_details as d')
    .leftJoin('lead_reads as r', (join) =>
      join.onRef('r.lead_id', '=', 'd.lead_id').on('r.user_id', '=', query.viewer.userId),
    )
    .leftJoin('lead_details_workflows as w', 'w.workflow_id', 'd.workflow_id')
    .leftJoin('lead_details_stages as s', (join) =>
      join.onRef('s.workflow_id', '=', 'd.workflow_id').onRef('s.stage_id', '=', 'd.stage_id'),
    )
    .leftJoin('journey_heads as h', 'h.lead_id', 'd.lead_id')
    .leftJoin('journey_steps as j', (join) => join.onRef('j.lead_id', '=', 'h.lead_id').onRef('j.seq', '=', 'h.seq'))
    .where('d.lead_id', '=', query.leadId)
    .where('d.org_id', '=', query.orgId)
    .where('d.state', '!=', 'deleted');
  const visible = visibleTo(query.viewer, query.now, QUALIFIED);
  if (visible !== null) rows = rows.where(visible);
  const row = await rows
    .selectAll('d')
    .select([
      'w.name as workflow_name',
      's.name as stage_name',
      's.category as stage_category',
      'r.read_at',
      'h.seq as head_seq',
      'h.hash as head_hash',
      'j.kind as head_kind',
      'j.summary as head_summary',
      'j.occurred_at as head_occurred_at',
      sql<number>`CASE WHEN ${unread} THEN 1 ELSE 0 END`.as('unread'),
    ])
    .executeTakeFirst();
  if (row === undefined) return null;
  const latestNotes =
    notes === 0
      ? []
      : await db
          .selectFrom('lead_detail_notes')
          .selectAll()
          .where('lead_id', '=', query.leadId)
          .orderBy('position', 'desc')
          .limit(notes)
          .execute();
  return {
    leadId: LeadId(row.lead_id),
    orgId: query.orgId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    company: row.company,
    source: row.source,
    notes: row.notes,
    latestNotes: latestNotes.map((note) => ({
      noteId: NoteId(note.note_id),
      text: note.text,
      outcome: note.outcome as CallOutcome | null,
      loggedAt: note.logged_at,
      loggedBy: UserId(note.logged_by),
    })),
    rating: RATING_ORDER.find((rating) => rating === row.rating) ?? null,
    estimatedValue:
      row.estimated_value_minor === null || row.currency === null
        ? null
        : { amountMinor: row.estimated_value_minor, currency: row.currency },
    expectedSaleDate: row.expected_sale_date,
    customFields: JSON.parse(row.custom_fields) as CustomFields,
    ownerId: row.owner_id === null ? null : UserId(row.owner_id),
    claim: {
      state: claimStateOf(row, query.now),
      by: row.claimed_by === null ? null : UserId(row.claimed_by),
      until: row.claim_expires_at,
    },
    nextCall: row.next_call_at === null ? null : { at: row.next_call_at, note: row.next_call_note },
    clientId: row.client_id === null ? null : ClientId(row.client_id),
    role: row.role as Role,
    workflow: { workflowId: WorkflowId(row.workflow_id), name: row.workflow_name },
    stage: {
      stageId: StageId(row.stage_id),
      name: row.stage_name,
      category: row.stage_category === null ? null : stageCategory(row.stage_category),
    },
    state: row.state === 'merged' ? 'merged' : 'active',
    createdAt: row.created_at,
    createdBy: UserId(row.created_by),
    lastActivityAt: row.last_activity_at,
    unread: row.unread === 1,
    readAt: row.read_at,
    journeyHead:
      row.head_seq === null || row.head_hash === null
        ? null
        : {
            seq: row.head_seq,
            hash: row.head_hash,
            kind: row.head_kind ?? '',
            summary: row.head_summary ?? '',
            occurredAt: row.head_occurred_at ?? '',
          },
  };
}
