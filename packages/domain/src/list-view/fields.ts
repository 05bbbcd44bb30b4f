// The fields a lead list can show, sort and filter by: the standard ones as data, an organisation's custom
// fields added from its definitions. A field's type decides which filter operators apply to it.
import type { CustomFieldDefinition, CustomFieldType } from '../shared/values.js';

export type ListFieldType = 'text' | 'choice' | 'number' | 'money' | 'date' | 'instant' | 'user' | 'boolean';

export interface ListField {
  /** The key a view names it by: `name`, `owner`, or `custom.<key>` for a custom field. */
  readonly key: string;
  readonly label: string;
  readonly type: ListFieldType;
  /** The values a `choice` field takes, when they are fixed. */
  readonly options?: readonly string[];
}

export const STANDARD_LIST_FIELDS: readonly ListField[] = [
  { key: 'name', label: 'Name', type: 'text' },
  { key: 'company', label: 'Company', type: 'text' },
  { key: 'email', label: 'Email', type: 'text' },
  { key: 'phone', label: 'Phone', type: 'text' },
  { key: 'stage', label: 'Stage', type: 'choice' },
  { key: 'stageCategory', label: 'Stage category', type: 'choice', options: ['open', 'won', 'lost'] },
  { key: 'owner', label: 'Owner', type: 'user' },
  { key: 'claimedBy', label: 'Claimed by', type: 'user' },
  { key: 'source', label: 'Source', type: 'choice' },
  { key: 'rating', label: 'Rating', type: 'choice', options: ['hot', 'warm', 'cold'] },
  { key: 'estimatedRevenue', label: 'Estimated revenue', type: 'money' },
  { key: 'expectedSaleDate', label: 'Expected sale date', type: 'date' },
  { key: 'role', label: 'Role', type: 'choice', options: ['Lead', 'Prospect', 'Client'] },
  { key: 'client', label: 'Client', type: 'text' },
  { key: 'nextCall', label: 'Next call', type: 'instant' },
  { key: 'created', label: 'Created', type: 'instant' },
  { key: 'lastActivity', label: 'Last activity', type: 'instant' },
  { key: 'unread', label: 'Unread', type: 'boolean' },
  { key: 'converted', label: 'Converted', type: 'boolean' },
];

export const CUSTOM_FIELD_PREFIX = 'custom.';

const CUSTOM_TYPES: { readonly [T in CustomFieldType]: ListFieldType } = {
  text: 'text',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  select: 'choice',
  // Several options in one value: listed and filtered as its text (options joined), not as one choice.
  multiselect: 'text',
};

/** An organisation's custom field as a list field. */
export const customListField = (definition: CustomFieldDefinition): ListField => ({
  key: `${CUSTOM_FIELD_PREFIX}${definition.key}`,
  label: definition.label,
  type: CUSTOM_TYPES[definition.type],
  ...(definition.options === undefined ? {} : { options: definition.options }),
});

/** Every field a view of this organisation may use: the standard ones, then its custom fields. */
export const listFieldsOf = (customFields: readonly CustomFieldDefinition[]): ReadonlyMap<string, ListField> =>
  new Map([...STANDARD_LIST_FIELDS, ...customFields.map(customListField)].map((field) => [field.key, field]));

export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'lt',
  'lte',
  'gt',
  'gte',
  'isEmpty',
  'isNotEmpty',
  'isMe',
  'inLastDays',
  'inNextDays',
  'today',
  'thisWeek',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const ORDERED = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'isEmpty', 'isNotEmpty'] as const;
const DATED = [...ORDERED, 'inLastDays', 'inNextDays', 'today', 'thisWeek'] as const;

/** The operators each field type accepts. */
export const OPERATORS_BY_TYPE: { readonly [T in ListFieldType]: readonly FilterOperator[] } = {
  text: ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty', 'isNotEmpty'],
  choice: ['eq', 'neq', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
  number: ORDERED,
  money: ORDERED,
  date: DATED,
  instant: DATED,
  user: ['eq', 'neq', 'in', 'notIn', 'isMe', 'isEmpty', 'isNotEmpty'],
  boolean: ['eq'],
};

/** What kind of value an operator takes: none, one, a list, or a number of days. */
export type OperandKind = 'none' | 'single' | 'list' | 'days';

export const OPERAND_OF: { readonly [O in FilterOperator]: OperandKind } = {
  eq: 'single',
  neq: 'single',
  in: 'list',
  notIn: 'list',
  contains: 'single',
  startsWith: 'single',
  lt: 'single',
  lte: 'single',
  gt: 'single',
  gte: 'single',
  isEmpty: 'none',
  isNotEmpty: 'none',
  isMe: 'none',
  inLastDays: 'days',
  inNextDays: 'days',
  today: 'none',
  thisWeek: 'none',
};
