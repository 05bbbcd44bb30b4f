// Text matching in SQL over columns that hold folded text (see foldText): a substring, with LIKE's
// wildcards escaped so a user's "%" or "_" matches itself, the same on SQLite and PostgreSQL.
import type { RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { SqlEngine } from '../../sql/engine.js';
import type { ReadModelReader } from '../../store/port.js';
import { substringViewName } from '../../store/substring-index.js';
import { readModelDb } from '../database.js';
import { foldText } from './text.js';

export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (character) => `\\${character}`);

/** The column contains the text, folded first; null when there is no text to look for. */
export function containsText(column: string, text: string | undefined, fold?: true): RawBuilder<SqlBool> | null;
/** The column contains the text exactly as given (already normalised). */
export function containsText(column: string, text: string, fold: false): RawBuilder<SqlBool>;
export function containsText(column: string, text: string | undefined, fold = true): RawBuilder<SqlBool> | null {
  const wanted = text === undefined ? '' : fold ? foldText(text) : text;
  if (wanted === '' && fold) return null;
  return sql<SqlBool>`${sql.ref(column)} LIKE ${`%${escapeLike(wanted)}%`} ESCAPE '\\'`;
}

/** The column starts with the given (already normalised) text. */
export function startsWithText(column: string, prefix: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${`${escapeLike(prefix)}%`} ESCAPE '\\'`;
}

/**
 * The FTS5 query for rows containing `text` (3 characters or more) through a trigram index: one quoted
 * phrase, in which every character is itself. Unlike FTS5's LIKE it is answered from the index alone,
 * without reading each candidate's row to test it again (0.4 ms instead of 8 for 5,000 matches).
 */
export const substringPhrase = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/**
 * Rows of `table` (keyed by `key`) whose `column` contains `text` (3 characters or more, already
 * normalised), found through the table's substring index; the exact test runs on the row too, so both
 * engines agree to the character.
 */
export function containsThroughIndex(
  engine: SqlEngine,
  table: string,
  key: string,
  column: string,
  text: string,
): RawBuilder<SqlBool> {
  const exact = containsText(column, text, false);
  if (engine === 'postgres') return exact;
  const candidates = sql<SqlBool>`${sql.ref(key)} IN (SELECT ${sql.ref(key)} FROM ${sql.table(substringViewName(table))} WHERE ${sql.ref(column)} MATCH ${substringPhrase(text)})`;
  return sql<SqlBool>`(${candidates} AND ${exact})`;
}

/**
 * SQLite cannot estimate how many rows a substring matches, so the substring index is asked (FTS5 counts
 * from its index alone, ~0.1 µs a match) up to this many times the rows a page needs: with more, matches
 * are dense enough that walking the page's order index (~0.2 µs a row) finds them sooner than reading
 * every match through FTS5 and sorting it (~8 µs a match), measured at 100,000 leads.
 */
export const DENSE_MATCHES_PER_ROW = 6;

/**
 * Rows whose `column` contains `text` (3 characters or more, already normalised), for a page of `rows`
 * read in an index order: on SQLite through the substring index when the text is rare, by testing each
 * row along the page's index when it is common (over DENSE_MATCHES_PER_ROW × `rows` matches); PostgreSQL
 * chooses between pg_trgm and the order's index from its own estimate.
 */
export async function substringMatch(
  reader: ReadModelReader,
  table: string,
  key: string,
  column: string,
  text: string,
  rows: number,
): Promise<RawBuilder<SqlBool>> {
  if (reader.sql.engine === 'postgres') return containsText(column, text, false);
  const dense = DENSE_MATCHES_PER_ROW * rows;
  const found = await readModelDb(reader)
    .selectFrom(
      readModelDb(reader)
        .selectFrom(sql.table(substringViewName(table)).as('substrings'))
        .select(sql<number>`1`.as('found'))
        .where(sql<SqlBool>`${sql.ref(column)} MATCH ${substringPhrase(text)}`)
        .limit(dense)
        .as('matches'),
    )
    .select(sql<number>`count(*)`.as('matches'))
    .executeTakeFirst();
  if ((found?.matches ?? 0) >= dense) return containsText(column, text, false);
  return containsThroughIndex(reader.sql.engine, table, key, column, text);
}
