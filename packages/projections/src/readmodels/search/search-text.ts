// The one text substring search reads, and the one term it looks for: written and searched with the
// same folding (lower case, no accents, one space between words), so SQLite and PostgreSQL agree.
import { parsePhone } from '@leadline/domain';
import { foldText, phoneDigits } from '../shared/text.js';

export interface SearchedFields {
  readonly name: string;
  readonly company: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

// A newline never survives foldText, so no search term can match across two fields.
const FIELD_SEPARATOR = '\n';

/**
 * The digits of a phone number in E.164, normalised as the domain stores phones (libphonenumber-js):
 * "+44 (0)20 7946-0958" → "442079460958", the Italian "+39 06 1234 5678" keeps its 0. A national number
 * takes `defaultCallingCode` when given (the organisation's); without one, or for a fragment that is no
 * whole number, nothing is guessed: its digits.
 */
export function phoneKey(raw: string, defaultCallingCode?: string): string {
  if (defaultCallingCode !== undefined) return parsedPhoneKey(raw, defaultCallingCode);
  // The projector keys the same stored phones over and over (every details change, twice each):
  // parsing was ~6% of a rebuild (profiled), so recent keys are remembered.
  let key = recentKeys.get(raw);
  if (key === undefined) {
    if (recentKeys.size >= RECENT_KEYS) recentKeys.clear();
    key = parsedPhoneKey(raw);
    recentKeys.set(raw, key);
  }
  return key;
}

const RECENT_KEYS = 4096;
const recentKeys = new Map<string, string>();

function parsedPhoneKey(raw: string, defaultCallingCode?: string): string {
  const parsed = parsePhone(raw, defaultCallingCode);
  return parsed.ok ? parsed.phone.slice(1) : phoneDigits(raw);
}

/** "Zoë Ålander", "ACME", "Zoe@Example.com", "+44 20 7946 0958" → "zoe alander\nacme\nzoe@example.com\n442079460958". */
export function searchText(fields: SearchedFields): string {
  return [
    foldText(fields.name),
    foldText(fields.company ?? ''),
    foldText(fields.email ?? ''),
    fields.phone === null ? '' : phoneKey(fields.phone),
  ].join(FIELD_SEPARATOR);
}

// Digits with the punctuation people write phones with, and at least one digit.
const PHONE_LIKE = /^[\d\s+().\-/]*\d[\d\s+().\-/]*$/;

/** What a typed query looks for in the search text: the phone key of something written like a phone, else the folded text. */
export function searchTerm(typed: string, defaultCallingCode?: string): string {
  return PHONE_LIKE.test(typed.trim()) ? phoneKey(typed, defaultCallingCode) : foldText(typed);
}
