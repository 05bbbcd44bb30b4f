// Typed search queries: by name (case- and accent-insensitive prefix of the name or any of its
// words), by email (prefix, case-insensitive) and by phone digits (any run of them). One organisation
// per query; only results the viewer may see, filtered, ordered and paged in SQL.
import type { Actor, OrgId } from '@leadline/domain';
import { LeadId, UserId } from '@leadline/domain';
import { decodeCursor } from '../../sql/cursor.js';
import { keysetPage } from '../../sql/keyset.js';
import type { Page } from '../../sql/page.js';
import { pageOf, pageSize } from '../../sql/page.js';
import { invalidArgument } from '../../store/errors.js';
import type { ReadModelReader } from '../../store/port.js';
import { readModelDb } from '../database.js';
import { foldText, phoneDigits } from '../shared/text.js';
import { containsText, startsWithText } from '../shared/text-sql.js';
import { visibleTo } from '../shared/visibility-sql.js';

export interface SearchQuery {
  readonly orgId: OrgId;
  readonly viewer: Actor;
  readonly now: Date;
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
const ORDER = ['name_words', 'lead_id'] as const;

export async function searchLeads(reader: ReadModelReader, query: SearchQuery): Promise<Page<SearchHit>> {
  const size = pageSize(query.limit, 'limit', 20);
  let rows = readModelDb(reader)
    .selectFrom('search_leads')
    .where('org_id', '=', query.orgId)
    .where('state', '=', 'active');
  let criteria = 0;
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
    const digits = phoneDigits(query.phone);
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
    throw invalidArgument('name', 'one-criterion', 'Search by name, email or phone: give at least one.');
  const visible = visibleTo(query.viewer, query.now);
  if (visible !== null) rows = rows.where(visible);
  const page = await keysetPage(
    rows.selectAll(),
    ORDER,
    query.after === undefined ? null : decodeCursor(query.after, ORDER.length),
    size,
  );
  return pageOf(
    page,
    size,
    (row) => [row.name_words, row.lead_id],
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
