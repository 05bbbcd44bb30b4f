// An injected id generator whose output is checked where it is produced: a generator that does not
// return UUIDs fails the command at once with a typed error, before anything is written, instead of
// at append time inside a store (which checks event ids) or never (other ids).
import { InvalidOptionError } from '../commands/errors.js';
import type { IdGenerator } from './clock.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkedIds(ids: IdGenerator): IdGenerator {
  return {
    newId() {
      const id: unknown = ids.newId();
      if (typeof id !== 'string' || !UUID.test(id)) {
        throw new InvalidOptionError(
          'ids',
          'uuid',
          `The id generator returned ${typeof id === 'string' ? JSON.stringify(id.slice(0, 60)) : typeof id}, not a UUID; nothing was written. Give createLeadline an ids.newId() that returns UUIDs.`,
        );
      }
      return id;
    },
  };
}
