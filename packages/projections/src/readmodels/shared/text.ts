// Text keys for case- and accent-insensitive matching, computed when rows are written so SQL stores
// match them with a plain indexed LIKE.

import { canonicalInstant } from '../../store/schema.js';

// Printable ASCII has no marks to strip and nothing to decompose, so most names skip the Unicode
// normalisation (measured at ~3 µs a call, the ASCII check at ~0.1 µs).
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** "Zoë O'Brien " → "zoe o'brien". */
export const foldText = (value: string): string =>
  (PLAIN_ASCII.test(value) ? value : value.normalize('NFKD').replace(/\p{M}/gu, ''))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Only the digits of a phone number: "+44 (20) 7946-0958" → "442079460958". */
export const phoneDigits = (value: string): string => value.replace(/\D/g, '');

/** An instant in the one ISO 8601 form every store compares as text (`2026-03-01T09:00:00.000Z`). */
export const instant = canonicalInstant;
