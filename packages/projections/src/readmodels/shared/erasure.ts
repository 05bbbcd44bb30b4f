// What a read model's row of an erased lead shows: the placeholder where a personal value stood, null
// where there was none — the same row a rebuild makes, since the events then read as the placeholder.
import { ERASED_VALUE, type LeadDetails } from '@leadline/domain';
import type { Row } from '../../store/schema.js';

type PersonalDetails = Pick<LeadDetails, 'name' | 'email' | 'phone'>;

/** The placeholder where a value stood, null where there was none. */
export const erased = (value: unknown): string | null => (value === null || value === undefined ? null : ERASED_VALUE);

/** The detail changes that erase a lead whose row stands as `current`. */
export const erasedDetailChanges = (current: Row | undefined): PersonalDetails => ({
  name: ERASED_VALUE,
  email: erased(current?.['email']),
  phone: erased(current?.['phone']),
});

/**
 * A lead's custom values (as JSON) once erased: text and lists are sealed, so they read as the
 * placeholder; numbers and booleans stay (see LEADLINE_PERSONAL_DATA).
 */
export const erasedCustomFields = (json: string): string => {
  const values = JSON.parse(json) as Readonly<Record<string, unknown>>;
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => [
        key,
        typeof value === 'string' || Array.isArray(value) ? ERASED_VALUE : value,
      ]),
    ),
  );
};
