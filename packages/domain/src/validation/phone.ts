// Phones are stored as `+<country code><number>` (E.164) so the same number typed two ways matches:
// duplicate checks, search and storage all read numbers through this one function. libphonenumber-js
// knows each country's trunk prefix, so "020 7946 0958" in the UK loses its 0 while Italy's
// "06 1234 5678" keeps its significant 0 (+390612345678). A national number takes the organisation's
// default country calling code; without one nothing is guessed.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type PhoneParse =
  | { readonly ok: true; readonly phone: string }
  | { readonly ok: false; readonly rule: 'not-a-phone-number' | 'country-code-required' | 'length' };

const ALLOWED_CHARACTERS = /^\+?[\d\s().\-/]+$/;
const COUNTRY_CALLING_CODE = /^[1-9]\d{0,2}$/;

export const isCountryCallingCode = (value: string): boolean => COUNTRY_CALLING_CODE.test(value);

export const parsePhone = (raw: string, defaultCountryCallingCode?: string | null): PhoneParse => {
  const trimmed = raw.trim();
  if (!ALLOWED_CHARACTERS.test(trimmed)) return { ok: false, rule: 'not-a-phone-number' };
  // "00" is the international prefix most of the world dials; written so, the number names its country.
  const written = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const code =
    defaultCountryCallingCode && isCountryCallingCode(defaultCountryCallingCode) ? defaultCountryCallingCode : null;
  if (!written.startsWith('+') && code === null) return { ok: false, rule: 'country-code-required' };
  const parsed = parsePhoneNumberFromString(written, code === null ? {} : { defaultCallingCode: code });
  return parsed?.isPossible() === true ? { ok: true, phone: parsed.number } : { ok: false, rule: 'length' };
};

/** The stored, comparable form of a phone number (`+<digits>`), or null when it cannot be normalised. */
export const normalisePhone = (raw: string, defaultCountryCallingCode?: string | null): string | null => {
  const parsed = parsePhone(raw, defaultCountryCallingCode);
  return parsed.ok ? parsed.phone : null;
};
