// Typed queries of the client roster: one organisation per query, in name order, keyset-paged in SQL;
// a text finds any 3 characters or more of the name, email or company through the substring index
// (a shorter text: a prefix of the name).
import type { OrgId } from '@leadline/domain';
import { ClientId, LeadId } from '@leadline/domain';
import { decodeCursor } from '../../sql/cursor.js';
import { keysetPage } from '../../sql/keyset.js';
import type { Page } from '../../sql/page.js';
import { pageOf, pageSize } from '../../sql/page.js';
import type { ReadModelReader } from '../../store/port.js';
import type { ReadModelDatabase } from '../database.js';
import { readModelDb } from '../database.js';
import { foldText } from '../shared/text.js';
import { startsWithText, substringMatch } from '../shared/text-sql.js';
import { MIN_SUBSTRING } from '../search/ranked.js';

const TABLE = 'clients';
type ClientRow = ReadModelDatabase[typeof TABLE];

export interface ClientSummary {
  readonly clientId: ClientId;
  /** False for an implicit client: a client id leads name that has no client record. */
  readonly recorded: boolean;
  readonly origin: 'direct' | 'conversion' | 'import' | 'implicit';
  readonly fromLeadId: LeadId | null;
  /** Null for an implicit client. */
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly company: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ClientListQuery {
  readonly orgId: OrgId;
  /** Any part of the name, email or company, any case and accents; under 3 characters, a prefix of the name. */
  readonly text?: string;
  /** 1 to 500, default 50. */
  readonly limit?: number;
  /** The nextCursor of the page before. */
  readonly after?: string;
}

const ORDER = ['sort_key', 'client_id'] as const;

const summaryOf = (row: ClientRow): ClientSummary => ({
  clientId: ClientId(row.client_id),
  // SQLite hands booleans back as 0 / 1.
  recorded: Boolean(row.recorded),
  origin: row.origin as ClientSummary['origin'],
  fromLeadId: row.from_lead_id === null ? null : LeadId(row.from_lead_id),
  name: row.name,
  email: row.email,
  phone: row.phone,
  company: row.company,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** One page of the organisation's clients, by name then id; only those matching `text` when given. */
export async function listClients(reader: ReadModelReader, query: ClientListQuery): Promise<Page<ClientSummary>> {
  const size = pageSize(query.limit);
  let rows = readModelDb(reader).selectFrom(TABLE).where('org_id', '=', query.orgId);
  const text = foldText(query.text ?? '');
  if (text !== '') {
    rows = rows.where(
      text.length >= MIN_SUBSTRING
        ? await substringMatch(reader, TABLE, 'client_id', 'search_text', text, size + 1)
        : startsWithText('sort_key', text),
    );
  }
  const page = await keysetPage(
    rows.selectAll(),
    ORDER,
    query.after === undefined ? null : decodeCursor(query.after, ORDER.length),
    size,
  );
  return pageOf(page, size, (row) => [row.sort_key, row.client_id], summaryOf);
}

/** One client of the organisation, or null. */
export async function clientById(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly clientId: ClientId },
): Promise<ClientSummary | null> {
  const row = await readModelDb(reader)
    .selectFrom(TABLE)
    .where('org_id', '=', query.orgId)
    .where('client_id', '=', query.clientId)
    .selectAll()
    .executeTakeFirst();
  return row === undefined ? null : summaryOf(row);
}

/**
 * The organisation's client records holding an email (normalised) or a phone (E.164) now: whom an
 * erasure by email or phone reaches besides leads. Read along the organisation's rows (erasure is rare;
 * no index of its own).
 */
export async function clientsHolding(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId } & ({ readonly email: string } | { readonly phone: string }),
): Promise<ClientId[]> {
  const [column, value] = 'email' in query ? (['email', query.email] as const) : (['phone', query.phone] as const);
  const rows = await readModelDb(reader)
    .selectFrom(TABLE)
    .where('org_id', '=', query.orgId)
    .where(column, '=', value)
    .select('client_id')
    .orderBy('client_id')
    .execute();
  return rows.map((row) => ClientId(row.client_id));
}
