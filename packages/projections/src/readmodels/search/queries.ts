// Typed search queries: by text (any substring of name, company, email or phone, through the engine's
// substring index; a prefix of the name under 3 characters), by name (case- and accent-insensitive
// prefix of the name or any of its words), by email (prefix, case-insensitive) and by phone digits (any
// run of them), and by filters (source, owner, stage, client, rating, created range) alone or with those. One
// organisation per query; only results the viewer may see, filtered, ranked (exact, then prefix, then
// substring matches of the text) and paged in SQL.
import { sql } from 'kysely';
import type { Actor, ClientId, OrgId, Rating, StageId, WorkflowId } from '@leadline/domain';
import { LeadId, RATING_ORDER, UserId } from '@leadline/domain';
import { decodeCursor } from '../../sql/cursor.js';
import { keysetPage } from '../../sql/keyset.js';
import type { Page } from '../../sql/page.js';
import { pageOf, pageSize } from '../../sql/page.js';
import { invalidArgument } from '../../store/errors.js';
import type { ReadModelReader } from '../../store/port.js';
import { readModelDb } from '../database.js';
import { RANKED_CANDIDATES, RANKED_ORDER, rankedPage } from './ranked.js';
import { foldText } from '../shared/text.js';
import { containsText, startsWithText } from '../shared/text-sql.js';
import { phoneKey, searchTerm } from './search-text.js';
import { visibleTo } from '../shared/visibility-sql.js';

export interface SearchQuery {
  readonly orgId: OrgId;
  readonly viewer: Actor;
  readonly now: Date;
  /**
   * What a person types in a search box: found anywhere in the name, company, email or phone, any case
   * and accents ("lande" finds "Zoë Ålander", "7946 0958" finds +44 20 7946 0958). Under 3 characters,
   * a prefix of the name. Results come exact matches first, then prefixes, then the rest, each by name.
   */
  readonly text?: string;
  /**
   * The country calling code national phone numbers in `text` and `phone` are read with ("44": "020 7946
   * 0958" is +44 20 7946 0958), usually the organisation's defaultCountryCallingCode. Without it a
   * national number is searched as the digits typed.
   */
  readonly defaultCallingCode?: string;
  /** Only leads of this owner. */
  readonly ownerId?: UserId;
  /** Only leads from this source (as the organisation spells it). */
  readonly source?: string;
  /** Only leads in this stage (of `workflowId` when given: stage ids may repeat across workflows). */
  readonly stageId?: StageId;
  /** Only leads of this workflow. */
  readonly workflowId?: WorkflowId;
  /** Only leads converted into or linked to this client. */
  readonly clientId?: ClientId;
  /** Only leads rated so: hot, warm or cold. */
  readonly rating?: Rating;
  /** Only leads created at or after this instant. */
  readonly createdFrom?: Date;
  /** Only leads created before this instant. */
  readonly createdBefore?: Date;
  /** Prefix of the name or of any word in it: "zo" finds "Zoë Ålander", "ala" too. */
  readonly name?: string;
  /** Prefix of the email, any case. */
  readonly email?: string;
  /** At least 3 digits, found anywhere in the phone's digits ("7946 0958" finds +44 20 7946 0958). */
  readonly phone?: string;
  /** 1 to 500, default 20. */
  readonly limit?: number;
  /** The nextCursor of the page before. */
  readonly after?: string;
}

export interface SearchHit {
  readonly leadId: LeadId;
  readonly name: string;
  readonly company: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly ownerId: UserId | null;
}

export const MIN_PHONE_DIGITS = 3;
/**
 * Without text every row ranks alike, so the order is the name's alone: a constant first key would keep
 * SQLite from reading a page along the (org_id, filter, name_words, lead_id) indexes (it sorted every
 * matching row instead, 30–70 ms at 100,000 leads).
 */
const NAME_ORDER = ['name_words', 'lead_id'] as const;

/** A page of leads found by the query, ranked when it has text (see ranked.ts for the guarantee). */
export function searchLeads(reader: ReadModelReader, query: SearchQuery): Promise<Page<SearchHit>> {
  return searchLeadsRanking(reader, query, RANKED_CANDIDATES);
}

/**
 * searchLeads ranking `candidates` matches by name (RANKED_CANDIDATES), and walking the name index for a
 * created range wider than `createdWalk` leads on SQLite: the suites show the cut and the walk with few.
 */
export async function searchLeadsRanking(
  reader: ReadModelReader,
  query: SearchQuery,
  candidates: number,
  createdWalk = CREATED_RANGE_WALK,
): Promise<Page<SearchHit>> {
  const size = pageSize(query.limit, 'limit', 20);
  let rows = readModelDb(reader)
    .selectFrom('search_leads')
    .where('org_id', '=', query.orgId)
    .where('state', '=', 'active');
  let criteria = 0;
  const term = searchTerm(query.text ?? '', query.defaultCallingCode);
  // The text's own condition is rankedPage's: it chooses how the matches are found.
  if (term !== '') criteria += 1;
  for (const [column, value] of filtersOf(query)) {
    rows = rows.where(column, '=', value);
    criteria += 1;
  }
  const from = query.createdFrom === undefined ? null : instant(query.createdFrom, 'createdFrom');
  const before = query.createdBefore === undefined ? null : instant(query.createdBefore, 'createdBefore');
  if (from !== null || before !== null) criteria += 1;
  const name = foldText(query.name ?? '');
  if (name !== '') {
    // name_words starts with a space, so " zo" matches the start of any word.
    rows = rows.where(containsText('name_words', ` ${name}`, false));
    criteria += 1;
  }
  if (query.email !== undefined && query.email.trim() !== '') {
    rows = rows.where(startsWithText('email', query.email.trim().toLowerCase()));
    criteria += 1;
  }
  if (query.phone !== undefined) {
    const digits = phoneKey(query.phone, query.defaultCallingCode);
    if (digits.length < MIN_PHONE_DIGITS) {
      throw invalidArgument(
        'phone',
        `min-digits:${MIN_PHONE_DIGITS}`,
        `Search by phone with at least ${MIN_PHONE_DIGITS} digits (got "${query.phone}").`,
      );
    }
    rows = rows.where(containsText('phone_digits', digits, false));
    criteria += 1;
  }
  if (criteria === 0)
    throw invalidArgument(
      'text',
      'one-criterion',
      'Search by text, name, email, phone, owner, source, stage, workflow, client, rating or created range: give at least one.',
    );
  const visible = visibleTo(query.viewer, query.now);
  if (visible !== null) rows = rows.where(visible);
  if (from !== null || before !== null) {
    // A wide created range alone, for a viewer who sees every lead: along the name index (walksNameOrder).
    const walk =
      criteria === 1 && visible === null && (await walksNameOrder(reader, query.orgId, from, before, createdWalk));
    // `+created_at` keeps SQLite off the created index.
    const column = walk ? sql<string>`+created_at` : sql.ref<string>('created_at');
    if (from !== null) rows = rows.where(column, '>=', from);
    if (before !== null) rows = rows.where(column, '<', before);
  }
  const order = term === '' ? NAME_ORDER : RANKED_ORDER;
  const cursor = query.after === undefined ? null : decodeCursor(query.after, order.length);
  const page =
    term === ''
      ? await keysetPage(rows.selectAll().select(sql<number>`0`.as('rank')), NAME_ORDER, cursor, size)
      : await rankedPage(reader, rows, term, cursor, size, candidates);
  return pageOf(
    page,
    size,
    (row) => (term === '' ? [row.name_words, row.lead_id] : [row.rank, row.name_words, row.lead_id]),
    (row) => ({
      leadId: LeadId(row.lead_id),
      name: row.name,
      company: row.company,
      email: row.email,
      phone: row.phone,
      ownerId: row.owner_id === null ? null : UserId(row.owner_id),
    }),
  );
}

type FilterColumn = 'owner_id' | 'source' | 'stage_id' | 'workflow_id' | 'client_id' | 'rating';

/** The equality filters given, as column and value. */
function filtersOf(query: SearchQuery): [FilterColumn, string][] {
  const given: [FilterColumn, string | undefined][] = [
    ['owner_id', query.ownerId],
    ['source', query.source],
    ['stage_id', query.stageId],
    ['workflow_id', query.workflowId],
    ['client_id', query.clientId],
    ['rating', query.rating],
  ];
  if (query.rating !== undefined && !RATING_ORDER.includes(query.rating)) {
    throw invalidArgument(
      'rating',
      'one-of:hot,warm,cold',
      `rating must be hot, warm or cold (got "${query.rating}").`,
    );
  }
  return given.filter((filter): filter is [FilterColumn, string] => filter[1] !== undefined);
}

/** Above this many leads in a created range, SQLite pages it along the name index (see walksNameOrder). */
export const CREATED_RANGE_WALK = 2_000;

/**
 * Whether SQLite should find a created range's first page by walking the name index, testing each
 * lead's creation, rather than reading every lead of the range and sorting them by name (116 ms for a
 * week of a million leads, ~10,000 of them). Walking reads about page size × leads ÷ leads in range
 * rows, so it pays when the range is wide; only for the range alone and a viewer who sees every lead,
 * where no other condition thins the walk. The count is a range of the created index, stopped at the
 * threshold. PostgreSQL chooses between the two plans itself.
 */
async function walksNameOrder(
  reader: ReadModelReader,
  orgId: OrgId,
  from: string | null,
  before: string | null,
  threshold: number,
): Promise<boolean> {
  if (reader.sql.engine !== 'sqlite') return false;
  let range = readModelDb(reader).selectFrom('search_leads').where('org_id', '=', orgId);
  if (from !== null) range = range.where('created_at', '>=', from);
  if (before !== null) range = range.where('created_at', '<', before);
  // Counting stops at the threshold: a wide range is not counted to its end.
  const counted = await readModelDb(reader)
    .selectFrom(
      range
        .select('lead_id')
        .limit(CREATED_RANGE_WALK + 1)
        .as('in_range'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return (counted?.n ?? 0) > threshold;
}

/** A created bound as the stored timestamps are written (ISO 8601, UTC); an invalid date is refused. */
function instant(date: Date, field: string): string {
  if (Number.isNaN(date.getTime())) throw invalidArgument(field, 'valid-date', `${field} is not a valid date.`);
  return date.toISOString();
}
