// One checker per editable lead field, shared by creation and by updates.
import type { OrganisationSettings } from '../organisation/events.js';
import { RATING_ORDER, type Money, type Rating } from '../shared/values.js';
import { isCalendarDate } from './calendar.js';
import { normaliseEmail } from './email.js';
import { issue, type Issues } from './issues.js';
import { parsePhone } from './phone.js';
import { cleanText, optionalText, TEXT_LIMITS } from './text.js';

const PHONE_MESSAGES = {
  'not-a-phone-number': 'may hold only digits, spaces, dashes, dots, parentheses and a leading +',
  'country-code-required':
    "has no country code: write it as +<country code> …, or set the organisation's defaultCountryCallingCode",
  length: 'has a length no number of its country has (check the digits and the country code)',
} as const;

export const checkEmail = (issues: Issues, raw: unknown): string | null => {
  const text = optionalText(issues, 'email', raw, 254);
  if (text === null) return null;
  const email = normaliseEmail(text);
  if (email === null) issues.push(issue('email', 'email-format', `"${text}" is not an email address.`));
  return email;
};

export const checkPhone = (issues: Issues, raw: unknown, settings: OrganisationSettings): string | null => {
  const text = optionalText(issues, 'phone', raw, 40);
  if (text === null) return null;
  const parsed = parsePhone(text, settings.defaultCountryCallingCode);
  if (parsed.ok) return parsed.phone;
  issues.push(issue('phone', parsed.rule, `Phone "${text}" ${PHONE_MESSAGES[parsed.rule]}.`));
  return null;
};

/** The source as the organisation spells it; a case-insensitive match is accepted. */
export const checkSource = (issues: Issues, raw: unknown, settings: OrganisationSettings): string => {
  const text = cleanText(raw);
  const known = text === null ? undefined : settings.sources.find((s) => s.toLowerCase() === text.toLowerCase());
  if (known !== undefined) return known;
  issues.push(
    text === null
      ? issue('source', 'required', `source is required: one of ${settings.sources.join(', ')}.`)
      : issue(
          'source',
          'known-source',
          `"${text}" is not one of the organisation's sources: ${settings.sources.join(', ')}.`,
        ),
  );
  return '';
};

/** hot, warm or cold, ignoring case and surrounding spaces. */
export const checkRating = (issues: Issues, raw: unknown): Rating | null => {
  if (raw === null || raw === undefined) return null;
  const wanted = typeof raw === 'string' ? raw.trim().toLowerCase() : null;
  const rating = RATING_ORDER.find((known) => known === wanted);
  if (rating !== undefined) return rating;
  const shown =
    typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean' ? JSON.stringify(raw) : typeof raw;
  issues.push(issue('rating', 'one-of:hot,warm,cold', `rating must be hot, warm or cold; got ${shown}.`));
  return null;
};

export const checkMoney = (issues: Issues, raw: Money | null | undefined): Money | null => {
  if (raw === null || raw === undefined) return null;
  const currency = typeof raw.currency === 'string' ? raw.currency.trim().toUpperCase() : '';
  if (!Number.isSafeInteger(raw.amountMinor) || raw.amountMinor < 0) {
    issues.push(
      issue(
        'estimatedValue.amountMinor',
        'non-negative-integer',
        'estimatedValue.amountMinor must be a whole, non-negative number of minor units (cents).',
      ),
    );
  }
  if (!/^[A-Z]{3}$/.test(currency)) {
    issues.push(
      issue(
        'estimatedValue.currency',
        'iso-4217',
        `estimatedValue.currency must be a three-letter ISO 4217 code such as EUR; got "${raw.currency}".`,
      ),
    );
  }
  return { amountMinor: raw.amountMinor, currency };
};

export const checkSaleDate = (issues: Issues, raw: unknown): string | null => {
  const text = cleanText(raw);
  if (text === null) return null;
  if (!isCalendarDate(text))
    issues.push(
      issue('expectedSaleDate', 'date-format', `expectedSaleDate must be a date as YYYY-MM-DD; got "${text}".`),
    );
  return text;
};

export const checkContactPresent = (
  issues: Issues,
  email: string | null,
  phone: string | null,
  hadInput: boolean,
): void => {
  if (email === null && phone === null && !hadInput) {
    issues.push(issue('email', 'email-or-phone', 'A lead needs at least an email address or a phone number.'));
  }
};

export { TEXT_LIMITS };
