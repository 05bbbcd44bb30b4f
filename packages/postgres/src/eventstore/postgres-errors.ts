// Maps pg and server failures onto the port's errors; the port's own errors pass through unchanged.
import { EventStoreError, StoreUnavailableError } from '@leadline/eventstore';

export function asStoreError(error: unknown): unknown {
  if (error instanceof EventStoreError) return error;
  // Server errors (SQLSTATE) and socket errors (ECONNREFUSED...) carry a string code; bugs do not.
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !(error instanceof Error)) return error;
  return new StoreUnavailableError(`PostgreSQL event store: ${error.message} (${code})`, { cause: error });
}
