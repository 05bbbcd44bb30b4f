// The one text substring search reads, and the one term it looks for: written and searched with the
// same folding (lower case, no accents, one space between words), so SQLite and PostgreSQL agree.
import { foldText, phoneDigits } from '../shared/text.js';

export interface SearchedFields {
  readonly name: string;
  readonly company: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

// A newline never survives foldText, so no search term can match across two fields.
const FIELD_SEPARATOR = '\n';

/** "Zoë Ålander", "ACME", "Zoe@Example.com", "+44 20 7946 0958" → "zoe alander\nacme\nzoe@example.com\n442079460958". */
export function searchText(fields: SearchedFields): string {
  return [
    foldText(fields.name),
    foldText(fields.company ?? ''),
    foldText(fields.email ?? ''),
    fields.phone === null ? '' : phoneDigits(fields.phone),
  ].join(FIELD_SEPARATOR);
}

// Digits with the punctuation people write phones with, and at least one digit.
const PHONE_LIKE = /^[\d\s+().\-/]*\d[\d\s+().\-/]*$/;

/** What a typed query looks for in the search text: the digits of something written like a phone, else the folded text. */
export function searchTerm(typed: string): string {
  return PHONE_LIKE.test(typed.trim()) ? phoneDigits(typed) : foldText(typed);
}
