// The merge rule: how a survivor's details take in the absorbed leads' details, and how an unmerge
// gives back what the merge changed without undoing edits made since.
import type { CustomFieldValue } from '../shared/values.js';
import type { LeadDetails } from './events.js';
import type { SurvivedMerge } from './state.js';

type ScalarField = Exclude<keyof LeadDetails, 'customFields' | 'notes'>;
const SCALAR_FIELDS: readonly ScalarField[] = [
  'name',
  'email',
  'phone',
  'company',
  'source',
  'rating',
  'estimatedValue',
  'expectedSaleDate',
];

const isEmpty = (value: unknown): boolean => value === null || value === undefined || value === '';

/**
 * Every field takes the first non-empty value in the order survivor, then the absorbed leads in the
 * order given (callers order them by pipeline progress, furthest first). Notes are concatenated from all,
 * each distinct text once, separated by a blank line. Custom fields are the union; on a clash the first
 * in the same order wins.
 */
export const mergeLeadDetails = (survivor: LeadDetails, absorbed: readonly LeadDetails[]): LeadDetails => {
  const ordered = [survivor, ...absorbed];
  const merged: Record<string, unknown> = {};
  for (const field of SCALAR_FIELDS) {
    merged[field] = ordered.map((details) => details[field]).find((value) => !isEmpty(value)) ?? survivor[field];
  }
  const notes = [...new Set(ordered.map((details) => details.notes).filter((note): note is string => !isEmpty(note)))];
  const customFields: Record<string, CustomFieldValue> = {};
  for (const details of [...ordered].reverse()) Object.assign(customFields, details.customFields);
  return {
    ...survivor,
    ...(merged as Pick<LeadDetails, ScalarField>),
    notes: notes.length > 0 ? notes.join('\n\n') : null,
    customFields,
  };
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The survivor's details after undoing a merge: a field still as the merge left it returns to its value
 * before the merge; a field edited since keeps the edit.
 */
export const unmergeLeadDetails = (current: LeadDetails, merge: SurvivedMerge): LeadDetails => {
  const restoreField = <K extends keyof LeadDetails>(field: K): LeadDetails[K] =>
    same(current[field], merge.after[field]) ? merge.before[field] : current[field];
  const customFields: Record<string, CustomFieldValue> = {};
  const keys = new Set([...Object.keys(current.customFields), ...Object.keys(merge.before.customFields)]);
  for (const key of keys) {
    const value = same(current.customFields[key], merge.after.customFields[key])
      ? merge.before.customFields[key]
      : current.customFields[key];
    if (value !== undefined) customFields[key] = value;
  }
  const restored: Record<string, unknown> = {};
  for (const field of [...SCALAR_FIELDS, 'notes'] as const) restored[field] = restoreField(field);
  return { ...current, ...(restored as Omit<LeadDetails, 'customFields'>), customFields };
};
