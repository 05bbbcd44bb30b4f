// Text keys for case- and accent-insensitive matching, computed when rows are written so SQL stores
// match them with a plain indexed LIKE.

/** "Zoë O'Brien " → "zoe o'brien". */
export const foldText = (value: string): string =>
  value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Only the digits of a phone number: "+44 (20) 7946-0958" → "442079460958". */
export const phoneDigits = (value: string): string => value.replace(/\D/g, '');

/** An instant in the one ISO 8601 form every store compares as text (`2026-03-01T09:00:00.000Z`). */
export const instant = (value: string): string => new Date(value).toISOString();
