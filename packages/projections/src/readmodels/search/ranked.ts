// A page of a search by text, ranked over a bounded candidate set: ranking every match made a common
// trigram cost ~250 ms at 1,000,000 leads (50,000 matches read and sorted). Candidates are every exact
// match and the first RANKED_CANDIDATES matches in name order (an index walk that stops once it has
// them); past those, the other matches follow in name order. A text with at most RANKED_CANDIDATES
// matches is therefore ranked exactly: exact, then prefix, then other substrings, each by name and id.
import type { RawBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { CursorValue } from '../../sql/cursor.js';
import { keysetPage } from '../../sql/keyset.js';
import type { ReadModelDatabase } from '../database.js';
import { readModelDb } from '../database.js';
import type { ReadModelReader } from '../../store/port.js';
import { containsText, startsWithText, substringMatch } from '../shared/text-sql.js';

/** How many matches, in name order, are ranked before the rest follow by name alone. */
export const RANKED_CANDIDATES = 500;
/** The rank of a match past the candidates: after every ranked one, in name order. */
const PAST_CANDIDATES = 3;
/** The order of a ranked page and the values of its cursor. */
export const RANKED_ORDER = ['rank', 'name_words', 'lead_id'] as const;
const NAME_ORDER = ['name_words', 'lead_id'] as const;

/** The shortest text the substring index serves; shorter text is a prefix of the name. */
export const MIN_SUBSTRING = 3;
type Matches = SelectQueryBuilder<ReadModelDatabase, 'search_leads', object>;
type SearchRow = ReadModelDatabase['search_leads'];
export type RankedRow = SearchRow & { readonly rank: number };

/** The whole name, email or phone is the text: three index lookups. */
const exactly = (term: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`(name_words = ${` ${term}`} OR email = ${term} OR phone_digits = ${term})`;

/** Not an exact match; never NULL (a missing email or phone is no match), so NOT keeps those rows. */
const notExactly = (term: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`NOT (name_words = ${` ${term}`} OR COALESCE(email, '') = ${term} OR COALESCE(phone_digits, '') = ${term})`;

/** 0 for an exact name, email or phone, 1 for a prefix of a name word, the email or the phone, else 2. */
const rankOf = (term: string): RawBuilder<number> =>
  sql<number>`CASE WHEN ${exactly(term)} THEN 0 WHEN ${containsText('name_words', ` ${term}`, false)} OR ${startsWithText('email', term)} OR ${startsWithText('phone_digits', term)} THEN 1 ELSE 2 END`;

/** The next string after every string starting with `prefix`, in byte order: its last character plus one. */
const pastPrefix = (prefix: string): string => {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return `${prefix.slice(0, -1)}${String.fromCodePoint(last + 1)}`;
};

/** The name starts with the (folded) prefix: a range of the name index, the same on both engines. */
const namePrefix = (prefix: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`(name_words >= ${` ${prefix}`} AND name_words < ${pastPrefix(` ${prefix}`)})`;

/** The row holds the text: a prefix of the name under MIN_SUBSTRING characters, else a substring. */
const holds = (term: string): RawBuilder<SqlBool> =>
  term.length < MIN_SUBSTRING ? namePrefix(term) : containsText('search_text', term, false);

/**
 * How the matches are found. PostgreSQL plans it from pg_trgm's estimate: the GIN index for a rare text,
 * the name index for a common one. SQLite reads a rare text's matches through FTS5 and walks the name
 * index for a common one, testing search_text in the index.
 */
async function matchOf(reader: ReadModelReader, term: string, candidates: number): Promise<RawBuilder<SqlBool>> {
  if (term.length < MIN_SUBSTRING) return holds(term);
  return substringMatch(reader, 'search_leads', 'lead_id', 'search_text', term, candidates);
}

/** Rows after the key (name_words, lead_id), written out so both engines read it as an index range. */
const afterName = (name: CursorValue, leadId: CursorValue): RawBuilder<SqlBool> =>
  sql<SqlBool>`(name_words > ${name} OR (name_words = ${name} AND lead_id > ${leadId}))`;

/**
 * Up to `size + 1` matching rows in ranked order after `cursor` (a RANKED_ORDER key): the ranked
 * candidates first, then the matches past them by name.
 */
export async function rankedPage(
  reader: ReadModelReader,
  filtered: Matches,
  term: string,
  cursor: readonly CursorValue[] | null,
  size: number,
  candidates: number,
): Promise<RankedRow[]> {
  const db = readModelDb(reader);
  const matches = filtered.where(await matchOf(reader, term, candidates));
  // Keys only, so PostgreSQL walks the name index alone (it holds search_text) and stops at `candidates`.
  const byName = matches.orderBy('name_words').orderBy('lead_id').limit(candidates);
  const [afterRank = null, afterName_ = null, afterId = null] = cursor ?? [];
  const rows: RankedRow[] = [];
  if (cursor === null || (typeof afterRank === 'number' && afterRank < PAST_CANDIDATES)) {
    const keys = db
      .selectFrom(byName.select('lead_id').as('first_by_name'))
      .select('lead_id')
      .union(filtered.where(exactly(term)).where(holds(term)).select('lead_id'));
    const ranked = db
      .selectFrom('search_leads')
      .where('lead_id', 'in', keys)
      .selectAll()
      .select(rankOf(term).as('rank'));
    rows.push(...(await keysetPage(db.selectFrom(ranked.as('ranked')).selectAll(), RANKED_ORDER, cursor, size)));
    if (rows.length > size) return rows;
  }
  // The last candidate by name: only when there were more matches than candidates do others follow.
  const last = await db
    .selectFrom(byName.select(['name_words', 'lead_id']).as('first_by_name'))
    .select(['name_words', 'lead_id', sql<number>`cast(count(*) OVER () as integer)`.as('taken')])
    .orderBy('name_words', 'desc')
    .orderBy('lead_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last === undefined || last.taken < candidates) return rows;
  const pastCursor = afterRank === PAST_CANDIDATES ? [afterName_, afterId] : null;
  const rest = await keysetPage(
    matches
      .where(afterName(last.name_words, last.lead_id))
      .where(notExactly(term))
      .selectAll()
      .select(sql<number>`${sql.lit(PAST_CANDIDATES)}`.as('rank')),
    NAME_ORDER,
    pastCursor,
    size - rows.length,
  );
  return [...rows, ...rest];
}
