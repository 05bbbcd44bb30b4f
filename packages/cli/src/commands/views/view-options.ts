// How a view is written on the command line: --columns a,b  --sort rating:desc,name  --filter "rating in hot,warm"
// (repeatable; "owner isMe", "created inLastDays 7", "source in Web,Referral"), read with the fields'
// types so "4" is a number for a number field and text for a text one.
import { OPERAND_OF, type FilterOperator, type ListField, type ListFilter, type ListSort } from '@leadline/domain';
import type { AdHocView } from 'leadline';
import { badInput } from '../../cli/cli-error.js';

export interface ViewOptions {
  readonly columns?: string;
  readonly sort?: string;
  readonly filter?: readonly string[];
}

const list = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

export function parseSort(text: string): ListSort[] {
  return list(text).map((part) => {
    const [field = '', direction = 'asc'] = part.split(':');
    if (direction !== 'asc' && direction !== 'desc')
      throw badInput('--sort', 'asc-or-desc', `"${part}": a sort key is FIELD or FIELD:asc or FIELD:desc.`);
    return { field, direction };
  });
}

function valueOf(field: ListField | undefined, op: FilterOperator, raw: string): ListFilter['value'] {
  const kind = OPERAND_OF[op];
  if (kind === 'list') return list(raw);
  if (kind === 'days') return Number(raw);
  if (field?.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if ((field?.type === 'number' || field?.type === 'money') && raw.trim() !== '' && !Number.isNaN(Number(raw)))
    return Number(raw);
  return raw;
}

export function parseFilter(text: string, fields: ReadonlyMap<string, ListField>): ListFilter {
  const match = /^\s*(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(text);
  if (match === null)
    throw badInput(
      '--filter',
      'field-op-value',
      `"${text}": a filter is "FIELD OPERATOR [VALUE]", e.g. "rating in hot,warm".`,
    );
  const [, field = '', op = '', raw] = match;
  if (!(op in OPERAND_OF))
    throw badInput('--filter', 'known-operator', `"${op}" is not an operator: ${Object.keys(OPERAND_OF).join(', ')}.`);
  const operator = op as FilterOperator;
  if (raw === undefined || OPERAND_OF[operator] === 'none') return { field, op: operator };
  return { field, op: operator, value: valueOf(fields.get(field), operator, raw.trim()) };
}

/** The ad-hoc part of a list or export: only what was given on the command line. */
export function adHocOf(options: ViewOptions, fields: readonly ListField[]): AdHocView | undefined {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const adHoc: AdHocView = {
    ...(options.columns === undefined ? {} : { columns: list(options.columns) }),
    ...(options.sort === undefined ? {} : { sort: parseSort(options.sort) }),
    ...(options.filter === undefined || options.filter.length === 0
      ? {}
      : { filters: options.filter.map((text) => parseFilter(text, byKey)) }),
  };
  return Object.keys(adHoc).length === 0 ? undefined : adHoc;
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
