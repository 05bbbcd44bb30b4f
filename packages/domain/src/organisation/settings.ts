// Rules for organisation settings: a sensible claim window, a usable source list, well-formed custom
// field definitions, an ISO currency and a country calling code.
import { CUSTOM_FIELD_TYPES, type CustomFieldDefinition } from '../shared/values.js';
import { issue, type Issues } from '../validation/issues.js';
import { isCountryCallingCode } from '../validation/phone.js';
import { TEXT_LIMITS } from '../validation/text.js';
import type { OrganisationSettings } from './events.js';

const MINUTE_MS = 60_000;
export const CLAIM_WINDOW_BOUNDS_MS = { min: MINUTE_MS, max: 90 * 24 * 60 * MINUTE_MS } as const;
const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
const FIELD_TYPES: readonly string[] = CUSTOM_FIELD_TYPES;
const WITH_OPTIONS: readonly string[] = ['select', 'multiselect'];
/** Standard lead fields: a custom field may not take their names (a layout names both kinds alike). */
const STANDARD_NAMES: readonly string[] = [
  'name',
  'email',
  'phone',
  'company',
  'source',
  'rating',
  'estimatedValue',
  'expectedSaleDate',
  'notes',
];

const checkSources = (issues: Issues, sources: readonly string[]): string[] => {
  const cleaned = sources.map((source) => (typeof source === 'string' ? source.trim() : ''));
  if (cleaned.length === 0)
    issues.push(issue('sources', 'non-empty', 'An organisation needs at least one lead source.'));
  cleaned.forEach((source, index) => {
    if (source === '' || source.length > TEXT_LIMITS.source) {
      issues.push(
        issue(
          `sources.${index}`,
          `length:1-${TEXT_LIMITS.source}`,
          `A source name has 1 to ${TEXT_LIMITS.source} characters.`,
        ),
      );
    }
  });
  if (new Set(cleaned.map((source) => source.toLowerCase())).size !== cleaned.length) {
    issues.push(issue('sources', 'distinct', 'Each source may be listed once (ignoring case).'));
  }
  return cleaned;
};

export const checkDefinition = (issues: Issues, field: string, definition: CustomFieldDefinition): void => {
  if (!FIELD_KEY.test(definition.key))
    issues.push(
      issue(
        `${field}.key`,
        'key-format',
        `A custom field key starts with a letter and has up to 50 letters, digits or _; got "${definition.key}".`,
      ),
    );
  if (STANDARD_NAMES.includes(definition.key))
    issues.push(
      issue(`${field}.key`, 'not-standard-field', `"${definition.key}" is a standard lead field; choose another key.`),
    );
  if (typeof definition.label !== 'string' || definition.label.trim() === '')
    issues.push(issue(`${field}.label`, 'required', 'A custom field needs a label.'));
  if (!FIELD_TYPES.includes(definition.type))
    issues.push(issue(`${field}.type`, 'known-type', `A custom field type is one of ${FIELD_TYPES.join(', ')}.`));
  const options = definition.options ?? [];
  if (WITH_OPTIONS.includes(definition.type) && (options.length === 0 || new Set(options).size !== options.length)) {
    issues.push(
      issue(`${field}.options`, 'distinct-options', 'A choice field needs at least one option, each listed once.'),
    );
  }
  if (!WITH_OPTIONS.includes(definition.type) && definition.options !== undefined) {
    issues.push(issue(`${field}.options`, 'select-only', 'Only select and multiselect fields have options.'));
  }
};

/** Checks the settings given (a full set or only changes) and returns them tidied. */
export const checkSettings = (
  issues: Issues,
  settings: Partial<OrganisationSettings>,
): Partial<OrganisationSettings> => {
  const tidy: { -readonly [K in keyof OrganisationSettings]?: OrganisationSettings[K] } = { ...settings };
  const { claimWindowMs, sources, customFields, defaultCurrency, defaultCountryCallingCode } = settings;
  if (
    claimWindowMs !== undefined &&
    (!Number.isInteger(claimWindowMs) ||
      claimWindowMs < CLAIM_WINDOW_BOUNDS_MS.min ||
      claimWindowMs > CLAIM_WINDOW_BOUNDS_MS.max)
  ) {
    issues.push(
      issue(
        'claimWindowMs',
        'range:1min-90d',
        'The claim window is a whole number of milliseconds from one minute to 90 days.',
      ),
    );
  }
  if (sources !== undefined) tidy.sources = checkSources(issues, sources);
  if (customFields !== undefined) {
    customFields.forEach((definition, index) => checkDefinition(issues, `customFields.${index}`, definition));
    if (new Set(customFields.map((definition) => definition.key)).size !== customFields.length) {
      issues.push(issue('customFields', 'distinct-keys', 'Each custom field key may be defined once.'));
    }
  }
  if (defaultCurrency !== undefined) {
    // JSON callers may send a number; it is read as text and judged like any other value.
    const given: unknown = defaultCurrency;
    tidy.defaultCurrency = String(given).trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(tidy.defaultCurrency))
      issues.push(
        issue('defaultCurrency', 'iso-4217', 'The default currency is a three-letter ISO 4217 code such as EUR.'),
      );
  }
  if (defaultCountryCallingCode !== undefined && defaultCountryCallingCode !== null) {
    const given: unknown = defaultCountryCallingCode;
    tidy.defaultCountryCallingCode = String(given).replace(/^\+/, '').trim();
    if (!isCountryCallingCode(tidy.defaultCountryCallingCode)) {
      issues.push(
        issue(
          'defaultCountryCallingCode',
          'country-calling-code',
          'The default country calling code is 1 to 3 digits, e.g. 44 or 1.',
        ),
      );
    }
  }
  return tidy;
};
