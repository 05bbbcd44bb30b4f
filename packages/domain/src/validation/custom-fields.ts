// Custom field values are checked against the organisation's definitions, by type. Text from a CSV
// ("42", "yes") is read as the defined type when it is unambiguous.
import type { CustomFieldDefinition, CustomFieldValue } from '../shared/values.js';
import { isCalendarDate } from './calendar.js';
import { issue, type Issues } from './issues.js';
import { TEXT_LIMITS } from './text.js';

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;
const TRUE_TEXT = new Set(['true', 'yes', 'y', '1']);
const FALSE_TEXT = new Set(['false', 'no', 'n', '0']);

const readValue = (
  issues: Issues,
  field: string,
  definition: CustomFieldDefinition,
  raw: CustomFieldValue,
): CustomFieldValue | null => {
  const text = typeof raw === 'string' ? raw.trim() : null;
  const wrongType = (rule: string, expected: string): null => {
    issues.push(issue(field, rule, `${definition.label} must be ${expected}; got ${JSON.stringify(raw)}.`));
    return null;
  };
  switch (definition.type) {
    case 'text':
      if (text === null) return wrongType('must-be-text', 'text');
      if (text.length > TEXT_LIMITS.customText)
        return wrongType(`max-length:${TEXT_LIMITS.customText}`, `at most ${TEXT_LIMITS.customText} characters`);
      return text === '' ? null : text;
    case 'number':
      if (typeof raw === 'number') return Number.isFinite(raw) ? raw : wrongType('must-be-number', 'a finite number');
      return text !== null && NUMBER_TEXT.test(text) ? Number(text) : wrongType('must-be-number', 'a number');
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (text !== null && TRUE_TEXT.has(text.toLowerCase())) return true;
      if (text !== null && FALSE_TEXT.has(text.toLowerCase())) return false;
      return wrongType('must-be-boolean', 'yes or no');
    case 'date':
      return text !== null && isCalendarDate(text) ? text : wrongType('must-be-date', 'a date as YYYY-MM-DD');
    case 'select': {
      const options = definition.options ?? [];
      const chosen = text === null ? undefined : optionOf(options, text);
      return chosen ?? wrongType('must-be-option', `one of ${listed(options)}`);
    }
    case 'multiselect': {
      const options = definition.options ?? [];
      // From a CSV cell or a command line: "Email; Phone" (or commas).
      const given = text !== null ? text.split(/[;,]/) : Array.isArray(raw) ? raw : null;
      if (given === null) return wrongType('must-be-options', `a list of ${listed(options)}`);
      const chosen = given
        .map((item) => (typeof item === 'string' ? item.trim() : ''))
        .filter((item) => item !== '')
        .map((item) => optionOf(options, item));
      if (chosen.some((option) => option === undefined))
        return wrongType('must-be-options', `a list of ${listed(options)}`);
      // Each option once, in the field's order: the same choice always reads the same.
      const picked = options.filter((option) => chosen.includes(option));
      return picked.length === 0 ? null : picked;
    }
  }
};

const optionOf = (options: readonly string[], text: string): string | undefined =>
  options.find((option) => option.toLowerCase() === text.toLowerCase());
const listed = (options: readonly string[]): string => options.map((o) => JSON.stringify(o)).join(', ');

/**
 * Checked values by key. `null` means "remove" and is kept as null; a removal of a required field is an
 * issue. With `requireAll`, every required field must have a value (creation).
 */
export const checkCustomFields = (
  issues: Issues,
  raw: Readonly<Record<string, CustomFieldValue | null>> | undefined,
  definitions: readonly CustomFieldDefinition[],
  requireAll: boolean,
): Record<string, CustomFieldValue | null> => {
  const checked: Record<string, CustomFieldValue | null> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    const field = `customFields.${key}`;
    const definition = definitions.find((candidate) => candidate.key === key);
    if (!definition) {
      issues.push(issue(field, 'unknown-field', `"${key}" is not a custom field of this organisation.`));
      continue;
    }
    if (definition.retired === true) {
      // Clearing a retired field's old value is allowed; a new value is not.
      if (value !== null)
        issues.push(issue(field, 'retired-field', `${definition.label} is retired: it takes no values.`));
      else checked[key] = null;
      continue;
    }
    const found = issues.length;
    const read = value === null ? null : readValue(issues, field, definition, value);
    if (read === null && definition.required === true) {
      // Empty (null, blank text, no option chosen) breaks "required"; a wrong value was reported already.
      if (issues.length === found) issues.push(issue(field, 'required', `${definition.label} is required.`));
      continue;
    }
    checked[key] = read;
  }
  if (requireAll) {
    for (const definition of definitions) {
      if (
        definition.required === true &&
        definition.retired !== true &&
        !(definition.key in checked) &&
        !(definition.key in (raw ?? {}))
      ) {
        issues.push(issue(`customFields.${definition.key}`, 'required', `${definition.label} is required.`));
      }
    }
  }
  return checked;
};
