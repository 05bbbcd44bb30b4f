// Typed search queries: by name (case- and accent-insensitive prefix of the name or any of its
// words), by email (prefix, case-insensitive) and by phone digits (any run of them). One organisation
// per query; results the viewer may see only.
import type { Actor, LeadId, OrgId, UserId } from '@leadline/domain';
import { invalidArgument } from '../../store/errors.js';
import type { ReadModelReader } from '../../store/port.js';
import type { Condition } from '../../store/query.js';
import { contains, eq, startsWith } from '../../store/query.js';
import { text, textOrNull } from '../shared/rows.js';
import { foldText, phoneDigits } from '../shared/text.js';
import { canViewRow } from '../shared/visibility.js';
import { searchProjector } from './projector.js';
import { searchTable } from './tables.js';

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
  /** Defaults to 20. */
  readonly limit?: number;
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

export async function searchLeads(reader: ReadModelReader, query: SearchQuery): Promise<SearchHit[]> {
  const where: Condition[] = [eq('org_id', query.orgId), eq('state', 'active')];
  if (query.name !== undefined && foldText(query.name) !== '')
    where.push(contains('name_words', ` ${foldText(query.name)}`));
  if (query.email !== undefined && query.email.trim() !== '')
    where.push(startsWith('email', query.email.trim().toLowerCase()));
  if (query.phone !== undefined) {
    const digits = phoneDigits(query.phone);
    if (digits.length < MIN_PHONE_DIGITS) {
      throw invalidArgument(
        'phone',
        `min-digits:${MIN_PHONE_DIGITS}`,
        `Search by phone with at least ${MIN_PHONE_DIGITS} digits (got "${query.phone}").`,
      );
    }
    where.push(contains('phone_digits', digits));
  }
  if (where.length === 2)
    throw invalidArgument('name', 'one-criterion', 'Search by name, email or phone: give at least one.');
  const limit = query.limit ?? 20;
  const rows = await reader.select({ name: searchProjector.name }, searchTable.name, {
    where,
    orderBy: [{ column: 'name_words' }, { column: 'lead_id' }],
  });
  return rows
    .filter((row) => canViewRow(query.viewer, row, query.now))
    .slice(0, limit)
    .map((row) => ({
      leadId: text(row, 'lead_id') as LeadId,
      name: text(row, 'name'),
      company: textOrNull(row, 'company'),
      email: textOrNull(row, 'email'),
      phone: textOrNull(row, 'phone'),
      ownerId: textOrNull(row, 'owner_id') as UserId | null,
    }));
}
