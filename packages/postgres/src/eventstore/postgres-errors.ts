// Maps pg and server failures onto the port's errors; the port's own errors pass through unchanged.
import { types } from 'node:util';
import { EventStoreError, StoreUnavailableError } from '@leadline/eventstore';

export function asStoreError(error: unknown): unknown {
  if (error instanceof EventStoreError) return error;
  // Server errors (SQLSTATE) and socket errors (ECONNREFUSED...) carry a string code; bugs do not.
  // isNativeError, not instanceof: socket errors come from Node's own realm (which differs under Jest).
  if (!types.isNativeError(error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  return new StoreUnavailableError(`PostgreSQL event store: ${error.message} (${code})`, { cause: error });
}
