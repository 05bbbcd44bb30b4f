// What a list view is (columns, a sort of several keys, filters, who sees it) and the rules a definition
// must keep: known fields, operators valid for the field's type, values of the right kind.
import { isCalendarDate, normaliseInstant } from '../validation/calendar.js';
import { issue, type Issues } from '../validation/issues.js';
import { OPERAND_OF, OPERATORS_BY_TYPE, type FilterOperator, type ListField, type ListFieldType } from './fields.js';

export type FilterValue = string | number | boolean | readonly string[];

/** One condition; a view's filters all hold (AND). */
export interface ListFilter {
  readonly field: string;
  readonly op: FilterOperator;
  /** None for isEmpty, isNotEmpty, isMe, today, thisWeek; a list for in / notIn; days for inLastDays / inNextDays. */
  readonly value?: FilterValue;
}

export type SortDirection = 'asc' | 'desc';

/** One sort key; empty values sort last whatever the direction. */
export interface ListSort {
  readonly field: string;
  readonly direction: SortDirection;
}

export type ViewVisibility = 'private' | 'shared';

export interface ListViewDefinition {
  readonly name: string;
  /** Field keys, in the order they are shown. */
  readonly columns: readonly string[];
  /** Sort keys, most significant first; the lead id breaks ties. */
  readonly sort: readonly ListSort[];
  readonly filters: readonly ListFilter[];
  /** private: its creator alone; shared: everyone in the organisation (each still sees only their leads). */
  readonly visibility: ViewVisibility;
}

export const LIST_VIEW_LIMITS = {
  name: 80,
  columns: 30,
  sortKeys: 5,
  filters: 20,
  listValues: 100,
  filterText: 200,
  days: 3650,
} as const;

/** The columns a view shows when it names none: the contact's details first (export includes them). */
export const DEFAULT_LIST_COLUMNS: readonly string[] = ['name', 'company', 'email', 'phone', 'stage', 'owner'];

const describeValue = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/** Whether one value suits a field of this type (`single` operands and each item of a list). */
function singleValueIssue(type: ListFieldType, value: unknown): string | null {
  switch (type) {
    case 'text':
    case 'choice':
    case 'user':
      return typeof value === 'string' && value.trim() !== '' && value.length <= LIST_VIEW_LIMITS.filterText
        ? null
        : `text of 1 to ${LIST_VIEW_LIMITS.filterText} characters`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a number';
    case 'money':
      return Number.isSafeInteger(value) ? null : 'a whole number of minor units (cents)';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'a calendar date YYYY-MM-DD';
    case 'instant':
      return typeof value === 'string' && normaliseInstant(value) !== null
        ? null
        : 'an ISO 8601 instant with a time zone';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'true or false';
  }
}

function checkFilter(
  issues: Issues,
  at: string,
  filter: ListFilter,
  fields: ReadonlyMap<string, ListField>,
): ListFilter {
  const field = fields.get(filter.field);
  if (field === undefined) {
    issues.push(issue(`${at}.field`, 'known-field', `"${filter.field}" is not a field a list can filter by.`));
    return filter;
  }
  if (!OPERATORS_BY_TYPE[field.type].includes(filter.op)) {
    issues.push(
      issue(
        `${at}.op`,
        `operator-for:${field.type}`,
        `"${filter.op}" does not apply to ${field.label} (a ${field.type} field); use one of ${OPERATORS_BY_TYPE[field.type].join(', ')}.`,
      ),
    );
    return filter;
  }
  const kind = OPERAND_OF[filter.op];
  const value = filter.value;
  const wrong = (rule: string, wanted: string) =>
    issues.push(
      issue(`${at}.value`, rule, `${field.label} ${filter.op} takes ${wanted}; got ${describeValue(value)}.`),
    );
  if (kind === 'none') {
    if (value !== undefined) wrong('no-value', 'no value');
    return { field: filter.field, op: filter.op };
  }
  if (kind === 'days') {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > LIST_VIEW_LIMITS.days)
      wrong(`days:1-${LIST_VIEW_LIMITS.days}`, `a whole number of days from 1 to ${LIST_VIEW_LIMITS.days}`);
    return filter;
  }
  if (kind === 'list') {
    const items: readonly unknown[] = Array.isArray(value) ? value : [];
    const bad = items.map((item) => singleValueIssue(field.type, item)).find((found) => found !== null);
    if (items.length === 0 || items.length > LIST_VIEW_LIMITS.listValues || bad !== undefined)
      wrong('value-list', `a list of 1 to ${LIST_VIEW_LIMITS.listValues} values, each ${bad ?? 'valid'}`);
    return filter;
  }
  const wanted = singleValueIssue(field.type, value);
  if (wanted !== null) {
    wrong(`value-type:${field.type}`, wanted);
    return filter;
  }
  return field.type === 'instant' && typeof value === 'string'
    ? { ...filter, value: normaliseInstant(value) ?? value }
    : filter;
}

function checkColumns(issues: Issues, columns: readonly string[], fields: ReadonlyMap<string, ListField>): void {
  if (columns.length === 0 || columns.length > LIST_VIEW_LIMITS.columns)
    issues.push(
      issue('columns', `count:1-${LIST_VIEW_LIMITS.columns}`, `A view shows 1 to ${LIST_VIEW_LIMITS.columns} columns.`),
    );
  columns.forEach((column, index) => {
    if (!fields.has(column))
      issues.push(issue(`columns.${index}`, 'known-field', `"${column}" is not a field a list can show.`));
  });
  if (new Set(columns).size !== columns.length)
    issues.push(issue('columns', 'distinct', 'Each column may be shown once.'));
}

function checkSort(issues: Issues, sort: readonly ListSort[], fields: ReadonlyMap<string, ListField>): void {
  if (sort.length > LIST_VIEW_LIMITS.sortKeys)
    issues.push(
      issue(
        'sort',
        `count:0-${LIST_VIEW_LIMITS.sortKeys}`,
        `A view sorts by at most ${LIST_VIEW_LIMITS.sortKeys} keys.`,
      ),
    );
  sort.forEach((key, index) => {
    if (!fields.has(key.field))
      issues.push(issue(`sort.${index}.field`, 'known-field', `"${key.field}" is not a field a list can sort by.`));
    // JSON callers may send anything: judged as given.
    const direction: unknown = key.direction;
    if (direction !== 'asc' && direction !== 'desc')
      issues.push(issue(`sort.${index}.direction`, 'asc-or-desc', 'A sort direction is asc or desc.'));
  });
  if (new Set(sort.map((key) => key.field)).size !== sort.length)
    issues.push(issue('sort', 'distinct', 'Each field may be sorted by once.'));
}

/** The view name: trimmed, 1 to 80 characters. */
export function checkViewName(issues: Issues, name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '' || trimmed.length > LIST_VIEW_LIMITS.name)
    issues.push(
      issue('name', `length:1-${LIST_VIEW_LIMITS.name}`, `A view name has 1 to ${LIST_VIEW_LIMITS.name} characters.`),
    );
  return trimmed;
}

/** Checks a whole definition against the organisation's fields; returns it tidied (trimmed name, UTC instants). */
export function checkListView(
  issues: Issues,
  definition: ListViewDefinition,
  fields: ReadonlyMap<string, ListField>,
): ListViewDefinition {
  const name = checkViewName(issues, definition.name);
  checkColumns(issues, definition.columns, fields);
  checkSort(issues, definition.sort, fields);
  if (definition.filters.length > LIST_VIEW_LIMITS.filters)
    issues.push(
      issue(
        'filters',
        `count:0-${LIST_VIEW_LIMITS.filters}`,
        `A view has at most ${LIST_VIEW_LIMITS.filters} filters.`,
      ),
    );
  const filters = definition.filters.map((filter, index) => checkFilter(issues, `filters.${index}`, filter, fields));
  const visibility: unknown = definition.visibility;
  if (visibility !== 'private' && visibility !== 'shared')
    issues.push(issue('visibility', 'private-or-shared', 'A view is private or shared.'));
  return { ...definition, name, filters };
}
