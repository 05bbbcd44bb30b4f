// Each list field as SQL over the lead_list tables: what it selects, sorts and filters by. Standard fields
// are rows of this table; a custom field is a join to its values, by its type. A new lead field is a new
// entry here (and its column in tables.ts), not a new query.
import type { CustomFieldDefinition, ListField, Money } from '@leadline/domain';
import { CUSTOM_FIELD_PREFIX, listFieldsOf, RATING_ORDER } from '@leadline/domain';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { invalidArgument } from '../../store/errors.js';
import { claimHolds, noLiveClaim, type VisibilityColumns } from '../shared/visibility-sql.js';
import type { ReadModelDatabase } from '../database.js';

/** The leads table's alias in list queries. */
export const LEAD_ALIAS = 'l';

/** How text is matched: folded (lower case, no accents) or as phone digits. */
export type TextMatch = 'fold' | 'digits';

export interface ListColumn {
  readonly field: ListField;
  /** The field's value as SQL (sorted and compared by it unless `sortBy` says otherwise). */
  readonly value: RawBuilder<unknown>;
  /** What the field sorts by when its values do not sort as text (a rating: hot > warm > cold). */
  readonly sortBy?: RawBuilder<unknown>;
  /** Columns that also name the same thing for equality filters (a stage by id or by name). */
  readonly alsoEquals?: readonly RawBuilder<unknown>[];
  readonly nullable: boolean;
  /** For a computed value: when it is empty, as plain comparisons the planner can estimate. */
  readonly emptyWhen?: RawBuilder<SqlBool>;
  /** Where contains / startsWith / text equality look, and how the wanted text is normalised. */
  readonly match?: { readonly value: RawBuilder<unknown>; readonly normalise: TextMatch };
}

const ref = (column: string): RawBuilder<unknown> => sql.ref(`${LEAD_ALIAS}.${column}`);

/** The lead row's owner and claim columns, as visibility and claim conditions read them in a list. */
export const LEAD_CLAIM_COLUMNS: VisibilityColumns = {
  ownerId: `${LEAD_ALIAS}.owner_id`,
  claimedBy: `${LEAD_ALIAS}.claimed_by`,
  claimExpiresAt: `${LEAD_ALIAS}.claim_expires_at`,
};

/** A rating as a number that sorts hot > warm > cold (3, 2, 1; null stays null). */
const ratingRank = (rating: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`(CASE ${rating} ${sql.join(
    RATING_ORDER.map((word, index) => sql`WHEN ${sql.lit(word)} THEN ${sql.lit(RATING_ORDER.length - index)}`),
    sql` `,
  )} END)`;

type StandardSql = Omit<ListColumn, 'field'>;

/** The standard fields (STANDARD_LIST_FIELDS) as SQL; `now` judges claims. */
function standardColumns(now: Date): Readonly<Record<string, StandardSql>> {
  const plain = (column: string, nullable: boolean): StandardSql => ({ value: ref(column), nullable });
  const folded = (column: string, foldedColumn: string, nullable: boolean): StandardSql => ({
    value: ref(column),
    nullable,
    match: { value: ref(foldedColumn), normalise: 'fold' },
  });
  const holds = claimHolds(now, LEAD_CLAIM_COLUMNS);
  return {
    name: folded('name', 'name_folded', false),
    company: folded('company', 'company_folded', true),
    email: folded('email', 'email', true),
    phone: { value: ref('phone'), nullable: true, match: { value: ref('phone'), normalise: 'digits' } },
    stage: { value: ref('stage_name'), nullable: false, alsoEquals: [ref('stage_id')] },
    stageCategory: plain('stage_category', false),
    owner: plain('owner_id', true),
    claimedBy: {
      value: sql`(CASE WHEN ${holds} THEN ${ref('claimed_by')} END)`,
      nullable: true,
      // Empty exactly when no claim is live: said as the planner can estimate it (the Pool view).
      emptyWhen: noLiveClaim(now, LEAD_CLAIM_COLUMNS),
    },
    source: plain('source', false),
    rating: { value: ref('rating'), nullable: true, sortBy: ratingRank(ref('rating')) },
    estimatedRevenue: plain('estimated_value_minor', true),
    expectedSaleDate: plain('expected_sale_date', true),
    role: plain('role', false),
    client: plain('client_id', true),
    nextCall: plain('next_call_at', true),
    created: plain('created_at', false),
    lastActivity: plain('last_activity_at', false),
    unread: plain('unread', false),
    converted: plain('converted', false),
  };
}

type CustomColumn = 'text_value' | 'folded_value' | 'number_value';

/** A custom field's value: one primary-key lookup in its values table per row read. */
const customValue = (db: Kysely<ReadModelDatabase>, key: string, column: CustomColumn): RawBuilder<unknown> =>
  sql`(${db
    .selectFrom('lead_list_custom_values as cv')
    .select(`cv.${column}`)
    .where(sql<SqlBool>`${sql.ref('cv.lead_id')} = ${ref('lead_id')}`)
    .where('cv.field_key', '=', key)})`;

/** The organisation's list fields as SQL, custom fields included. */
export function listColumns(
  db: Kysely<ReadModelDatabase>,
  now: Date,
  customFields: readonly CustomFieldDefinition[],
): ReadonlyMap<string, ListColumn> {
  const standard = standardColumns(now);
  const columns = new Map<string, ListColumn>();
  for (const field of listFieldsOf(customFields).values()) {
    const known = standard[field.key];
    if (known !== undefined) {
      columns.set(field.key, { field, ...known });
      continue;
    }
    const key = field.key.slice(CUSTOM_FIELD_PREFIX.length);
    const value =
      field.type === 'boolean'
        ? sql`(${customValue(db, key, 'number_value')} = 1)`
        : customValue(db, key, field.type === 'number' ? 'number_value' : 'text_value');
    columns.set(field.key, {
      field,
      value,
      nullable: true,
      ...(field.type === 'text'
        ? { match: { value: customValue(db, key, 'folded_value'), normalise: 'fold' as const } }
        : {}),
    });
  }
  return columns;
}

/** The column of a field key, or a typed error naming where it was asked for. */
export function columnOf(columns: ReadonlyMap<string, ListColumn>, key: string, at: string): ListColumn {
  const column = columns.get(key);
  if (column === undefined)
    throw invalidArgument(at, 'known-field', `"${key}" is not a field of this organisation's lead lists.`);
  return column;
}

export type ListValue = string | number | boolean | Money | null;

/** A selected value as the list returns it: booleans as booleans, revenue as money. */
export function readValue(field: ListField, raw: unknown, currency: unknown): ListValue {
  if (raw === null || raw === undefined) return null;
  if (field.type === 'boolean') return raw === true || raw === 1;
  if (field.type === 'money') return typeof currency === 'string' ? { amountMinor: Number(raw), currency } : null;
  if (typeof raw === 'number' || typeof raw === 'string') return raw;
  return typeof raw === 'bigint' ? Number(raw) : null;
}
