// A page of a lead list: a view's columns, filters and sort run as one SQL statement with the viewer's
// visibility, paged by a keyset cursor over the sort keys and the lead id (never OFFSET). Empty values
// sort last whatever the direction; the id breaks ties in the direction of the last key.
import type { Actor, CustomFieldDefinition, ListFilter, ListSort, OrgId } from '@leadline/domain';
import { FILTER_OPERATORS, isRelativeDateOperator, LeadId, relativeDateRange } from '@leadline/domain';
import type { RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { decodeCursor, type CursorValue } from '../../sql/cursor.js';
import type { Page } from '../../sql/page.js';
import { pageOf, pageSize } from '../../sql/page.js';
import { invalidArgument } from '../../store/errors.js';
import type { ReadModelReader } from '../../store/port.js';
import { readModelDb } from '../database.js';
import { escapeLike } from '../shared/text-sql.js';
import { foldText, phoneDigits } from '../shared/text.js';
import { visibleTo } from '../shared/visibility-sql.js';
import {
  columnOf,
  LEAD_ALIAS,
  LEAD_CLAIM_COLUMNS,
  listColumns,
  readValue,
  type ListColumn,
  type ListValue,
} from './columns.js';

export interface LeadListQuery {
  readonly orgId: OrgId;
  readonly viewer: Actor;
  /** The instant claims and relative dates are judged at. */
  readonly now: Date;
  /** Field keys to return, in order. */
  readonly columns: readonly string[];
  readonly sort: readonly ListSort[];
  readonly filters: readonly ListFilter[];
  /** The organisation's custom fields, so `custom.<key>` fields are known with their types. */
  readonly customFields?: readonly CustomFieldDefinition[];
  /** 1 to 500, default 50. */
  readonly limit?: number;
  /** The nextCursor of the page before (of the same sort). */
  readonly after?: string;
}

export interface ListedLead {
  readonly leadId: LeadId;
  /** The chosen columns' values by field key; revenue as money, booleans as booleans, empty as null. */
  readonly values: Readonly<Record<string, ListValue>>;
}

const lead = (column: string) => sql.ref(`${LEAD_ALIAS}.${column}`);

/** Operators that keep only rows where the field has a value: sorting such a field needs no NULL placement. */
const NEEDS_VALUE: ReadonlySet<string> = new Set(
  FILTER_OPERATORS.filter((op) => op !== 'neq' && op !== 'notIn' && op !== 'isEmpty'),
);

const normalised = (column: ListColumn, value: string): string =>
  column.match?.normalise === 'digits'
    ? phoneDigits(value)
    : column.match?.normalise === 'fold'
      ? foldText(value)
      : value;

const truth = (value: boolean): RawBuilder<unknown> => sql.raw(value ? 'TRUE' : 'FALSE');

/** The field equals one of the values (text by its folded form; a stage by id or name). */
function equalsAny(column: ListColumn, values: readonly (string | number | boolean)[]): RawBuilder<SqlBool> {
  if (column.field.type === 'boolean') return sql<SqlBool>`${column.value} = ${truth(values[0] === true)}`;
  if (column.match !== undefined && column.match.normalise === 'fold') {
    const wanted = values.map((value) => normalised(column, String(value)));
    return sql<SqlBool>`${column.match.value} IN (${sql.join(wanted)})`;
  }
  const targets = [column.value, ...(column.alsoEquals ?? [])];
  return sql<SqlBool>`(${sql.join(
    targets.map((target) => sql`${target} IN (${sql.join(values)})`),
    sql` OR `,
  )})`;
}

function likeCondition(column: ListColumn, value: string, pattern: (text: string) => string): RawBuilder<SqlBool> {
  const target = column.match?.value ?? column.value;
  return sql<SqlBool>`${target} LIKE ${pattern(escapeLike(normalised(column, value)))} ESCAPE '\\'`;
}

const COMPARISONS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** One filter as a SQL condition at `now` for `viewer`. */
function filterCondition(column: ListColumn, filter: ListFilter, viewer: Actor, now: Date): RawBuilder<SqlBool> {
  const value = filter.value;
  const list = (Array.isArray(value) ? value : [value]).filter(
    (item): item is string | number | boolean => item !== undefined,
  );
  const orEmpty = (condition: RawBuilder<SqlBool>) => sql<SqlBool>`(${column.value} IS NULL OR NOT ${condition})`;
  switch (filter.op) {
    case 'eq':
    case 'in':
      return equalsAny(column, list);
    case 'neq':
    case 'notIn':
      return orEmpty(equalsAny(column, list));
    case 'contains':
      return likeCondition(column, String(value), (text) => `%${text}%`);
    case 'startsWith':
      return likeCondition(column, String(value), (text) => `${text}%`);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return sql<SqlBool>`${column.value} ${sql.raw(COMPARISONS[filter.op])} ${value}`;
    case 'isEmpty':
      return column.emptyWhen ?? sql<SqlBool>`${column.value} IS NULL`;
    case 'isNotEmpty':
      return sql<SqlBool>`${column.value} IS NOT NULL`;
    case 'isMe':
      return sql<SqlBool>`${column.value} = ${viewer.userId}`;
    case 'inLastDays':
    case 'inNextDays':
    case 'today':
    case 'thisWeek': {
      if (!isRelativeDateOperator(filter.op)) throw new Error('unreachable');
      const range = relativeDateRange(
        filter.op,
        typeof value === 'number' ? value : 0,
        now,
        column.field.type === 'date' ? 'date' : 'instant',
      );
      return sql<SqlBool>`(${column.value} >= ${range.from} AND ${column.value} < ${range.before})`;
    }
  }
}

interface SortKey {
  readonly expression: RawBuilder<unknown>;
  readonly descending: boolean;
  /** Whether empty values can reach the page (and so need their place: last). */
  readonly nullable: boolean;
}

/** Sort keys as ordered: booleans as 0 / 1 so both engines and the cursor agree. */
function sortKeys(
  columns: ReadonlyMap<string, ListColumn>,
  sort: readonly ListSort[],
  filters: readonly ListFilter[],
): SortKey[] {
  const keys = sort.map((key, index): SortKey => {
    const column = columnOf(columns, key.field, `sort.${index}.field`);
    const filtered = filters.some((filter) => filter.field === key.field && NEEDS_VALUE.has(filter.op));
    return {
      expression:
        column.sortBy ??
        (column.field.type === 'boolean' ? sql`(CASE WHEN ${column.value} THEN 1 ELSE 0 END)` : column.value),
      descending: key.direction === 'desc',
      nullable: column.nullable && !filtered && column.field.type !== 'boolean',
    };
  });
  return [...keys, { expression: lead('lead_id'), descending: keys.at(-1)?.descending ?? false, nullable: false }];
}

/** Rows after the cursor's values in the keys' order (empty values last). */
function afterKeys(keys: readonly SortKey[], values: readonly CursorValue[]): RawBuilder<SqlBool> {
  const [key, ...rest] = keys;
  const [value = null, ...restValues] = values;
  if (key === undefined) return sql<SqlBool>`1 = 0`;
  const { expression } = key;
  const beyond = sql`${expression} ${sql.raw(key.descending ? '<' : '>')} ${value}`;
  const later =
    value === null
      ? sql<SqlBool>`1 = 0`
      : key.nullable
        ? sql<SqlBool>`(${beyond} OR ${expression} IS NULL)`
        : sql<SqlBool>`${beyond}`;
  if (rest.length === 0) return later;
  const same = value === null ? sql`${expression} IS NULL` : sql`${expression} = ${value}`;
  return sql<SqlBool>`(${later} OR (${same} AND ${afterKeys(rest, restValues)}))`;
}

const signatureOf = (sort: readonly ListSort[]): string => sort.map((key) => `${key.field}:${key.direction}`).join(',');

/** The cursor's values, refused when it comes from another sort. */
function cursorValues(after: string, sort: readonly ListSort[]): CursorValue[] {
  const [signature, ...values] = decodeCursor(after, sort.length + 2, 'cursor');
  if (signature !== signatureOf(sort))
    throw invalidArgument('cursor', 'cursor-of-this-sort', 'This cursor was returned by a list with another sort.');
  return values;
}

/** One page of the list: organisation, active leads, the viewer's visibility and the filters, all in SQL. */
export async function listLeads(reader: ReadModelReader, query: LeadListQuery): Promise<Page<ListedLead>> {
  const size = pageSize(query.limit);
  const db = readModelDb(reader);
  const columns = listColumns(db, query.now, query.customFields ?? []);
  const shown = query.columns.map((key, index) => columnOf(columns, key, `columns.${index}`));
  const keys = sortKeys(columns, query.sort, query.filters);
  let select = db
    .selectFrom('lead_list_leads as l')
    .where('l.org_id', '=', query.orgId)
    .where('l.state', '=', 'active');
  query.filters.forEach((filter, index) => {
    select = select.where(
      filterCondition(columnOf(columns, filter.field, `filters.${index}.field`), filter, query.viewer, query.now),
    );
  });
  const visible = visibleTo(query.viewer, query.now, LEAD_CLAIM_COLUMNS);
  if (visible !== null) select = select.where(visible);
  if (query.after !== undefined) select = select.where(afterKeys(keys, cursorValues(query.after, query.sort)));
  const ordered = keys.reduce(
    (statement, key) =>
      statement.orderBy(
        sql`${key.expression} ${sql.raw(key.descending ? 'DESC' : 'ASC')}${sql.raw(key.nullable ? ' NULLS LAST' : '')}`,
      ),
    select,
  );
  const rows = await ordered
    .select([
      'l.lead_id',
      'l.currency',
      ...shown.map((column, index) => column.value.as(`v${index}`)),
      ...keys.map((key, index) => key.expression.as(`s${index}`)),
    ])
    .limit(size + 1)
    .execute();
  const record = rows as readonly Readonly<Record<string, unknown>>[];
  return pageOf(
    record,
    size,
    (row) => [signatureOf(query.sort), ...keys.map((_key, index) => cursorValueOf(row[`s${index}`]))],
    (row): ListedLead => ({
      leadId: LeadId(String(row['lead_id'])),
      values: Object.fromEntries(
        shown.map((column, index) => [column.field.key, readValue(column.field, row[`v${index}`], row['currency'])]),
      ),
    }),
  );
}

const cursorValueOf = (value: unknown): CursorValue =>
  typeof value === 'number' || typeof value === 'string' ? value : typeof value === 'bigint' ? Number(value) : null;
