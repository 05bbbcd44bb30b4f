// Maps the client's errors onto the port's typed errors, with the context only the caller knows.
import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  ExpectedRevision,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type ActualRevision,
} from '@leadline/eventstore';

export interface ErrorContext {
  readonly streamName?: string;
  readonly expected?: ExpectedRevision;
}

/** The server's view of a stream's revision in a wrong-expected-version error (-1 means no stream). */
export function actualRevisionOf(error: WrongExpectedVersionError): ActualRevision {
  const actual = error.actualVersion;
  return actual === ExpectedRevision.NoStream || actual < 0n ? ExpectedRevision.NoStream : actual;
}

/**
 * True for failures of the connection rather than of the request: worth a retry or a resubscription.
 * NotLeader counts: the client reconnects to the new leader the error names.
 */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof DeadlineExceededError ||
    (error instanceof Error && /failed to discover|connection|ECONNREFUSED|UNAVAILABLE/i.test(error.message))
  );
}

export function toPortError(error: unknown, context: ErrorContext = {}): unknown {
  const streamName = context.streamName ?? '';
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      streamName,
      context.expected ?? ExpectedRevision.Any,
      actualRevisionOf(error),
    );
  }
  if (error instanceof ClientStreamDeletedError) return new StreamDeletedError(streamName);
  if (error instanceof ClientStreamNotFoundError) return new StreamNotFoundError(streamName);
  if (isTransient(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new StoreUnavailableError(
      `EventStoreDB is unreachable (${reason}); check the connection string and that the cluster has a leader.`,
      { cause: error },
    );
  }
  return error;
}
