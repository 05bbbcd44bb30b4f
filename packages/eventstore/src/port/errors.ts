// Typed errors of the event store port; every adapter maps its own failures onto these.

export const EventStoreErrorCode = {
  WrongExpectedRevision: 'WRONG_EXPECTED_REVISION',
  StreamDeleted: 'STREAM_DELETED',
  StreamNotFound: 'STREAM_NOT_FOUND',
  InvalidArgument: 'INVALID_ARGUMENT',
  EventIdConflict: 'EVENT_ID_CONFLICT',
  Unavailable: 'UNAVAILABLE',
  Disposed: 'DISPOSED',
} as const;
export type EventStoreErrorCode = (typeof EventStoreErrorCode)[keyof typeof EventStoreErrorCode];

export class EventStoreError extends Error {
  override readonly name: string = 'EventStoreError';
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class WrongExpectedRevisionError extends EventStoreError {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamName: string,
    /** What the caller expected: a named constant or an exact revision. */
    readonly expected: 'any' | 'no_stream' | 'stream_exists' | bigint,
    /** What the stream is at: its last revision, or `no_stream`. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      EventStoreErrorCode.WrongExpectedRevision,
      `Stream "${streamName}" is at ${String(actual)}, but ${String(expected)} was expected; reload it and decide again.`,
    );
  }
}

export class StreamDeletedError extends EventStoreError {
  override readonly name = 'StreamDeletedError';
  constructor(readonly streamName: string) {
    super(EventStoreErrorCode.StreamDeleted, `Stream "${streamName}" was deleted; it can be neither read nor written.`);
  }
}

export class StreamNotFoundError extends EventStoreError {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly streamName: string) {
    super(EventStoreErrorCode.StreamNotFound, `Stream "${streamName}" does not exist.`);
  }
}

export class InvalidArgumentError extends EventStoreError {
  override readonly name = 'InvalidArgumentError';
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(EventStoreErrorCode.InvalidArgument, message);
  }
}

/** A batch holding some event ids already stored and some new ones: neither a retry nor a fresh append. */
export class EventIdConflictError extends EventStoreError {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly streamName: string,
    readonly eventIds: readonly string[],
  ) {
    super(
      EventStoreErrorCode.EventIdConflict,
      `Stream "${streamName}" already holds some but not all of the events of this batch (${eventIds.join(', ')}); an exact retry must resend the same batch.`,
    );
  }
}

export class StoreUnavailableError extends EventStoreError {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(EventStoreErrorCode.Unavailable, message, options);
  }
}

export class StoreDisposedError extends EventStoreError {
  override readonly name = 'StoreDisposedError';
  constructor() {
    super(EventStoreErrorCode.Disposed, 'The event store was disposed; open a new one.');
  }
}
