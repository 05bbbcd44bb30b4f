// Phones are stored as `+<country code><number>` (E.164) so the same number typed two ways matches.
// Without a metadata library we cannot know every national format: a national number (no `+` or `00`)
// takes the organisation's default country calling code and loses one leading trunk `0`.

export type PhoneParse =
  | { readonly ok: true; readonly phone: string }
  | { readonly ok: false; readonly rule: 'not-a-phone-number' | 'country-code-required' | 'length' };

const ALLOWED_CHARACTERS = /^\+?[\d\s().\-/]+$/;
const E164_DIGITS = /^[1-9]\d{6,14}$/;
const COUNTRY_CALLING_CODE = /^[1-9]\d{0,2}$/;

export const isCountryCallingCode = (value: string): boolean => COUNTRY_CALLING_CODE.test(value);

export const parsePhone = (raw: string, defaultCountryCallingCode?: string | null): PhoneParse => {
  // "+44 (0)20 …" is a common way to show the trunk 0 that is dialled only nationally.
  const trimmed = raw.trim().replace(/\(0\)/g, '');
  if (!ALLOWED_CHARACTERS.test(trimmed)) return { ok: false, rule: 'not-a-phone-number' };
  const digits = trimmed.replace(/\D/g, '');
  let international: string;
  if (trimmed.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (defaultCountryCallingCode && isCountryCallingCode(defaultCountryCallingCode)) {
    international = defaultCountryCallingCode + digits.replace(/^0/, '');
  } else return { ok: false, rule: 'country-code-required' };
  return E164_DIGITS.test(international) ? { ok: true, phone: `+${international}` } : { ok: false, rule: 'length' };
};

/** The stored, comparable form of a phone number (`+<digits>`), or null when it cannot be normalised. */
export const normalisePhone = (raw: string, defaultCountryCallingCode?: string | null): string | null => {
  const parsed = parsePhone(raw, defaultCountryCallingCode);
  return parsed.ok ? parsed.phone : null;
};
