// Typed errors of the read-model side; every store maps its own failures onto these codes.

export const ReadModelErrorCode = {
  /** No version of the projector is live yet (it was never prepared or run). */
  NotReady: 'READ_MODEL_NOT_READY',
  UnknownTable: 'UNKNOWN_TABLE',
  UnknownColumn: 'UNKNOWN_COLUMN',
  /** A projector read a row it did not name in `prefetch` on a store that batches its reads. */
  UndeclaredRead: 'UNDECLARED_READ',
  /** The live version cannot be dropped; make another one live first. */
  LiveVersion: 'LIVE_VERSION',
  InvalidArgument: 'INVALID_ARGUMENT',
  Disposed: 'DISPOSED',
  /** Live following of the projections stopped on a failure of the store; `start()` resumes it. */
  ProjectionsStopped: 'PROJECTIONS_STOPPED',
  /** No parked event matches what a retry named. */
  NotParked: 'NOT_PARKED',
  /** Another process took the lease over: this one's batch was rolled back, the new owner goes on. */
  LeaseLost: 'LEASE_LOST',
} as const;
export type ReadModelErrorCode = (typeof ReadModelErrorCode)[keyof typeof ReadModelErrorCode];

export class ReadModelError extends Error {
  override readonly name = 'ReadModelError';
  constructor(
    readonly code: ReadModelErrorCode,
    /** What the error is about: a table, a column, a query field. */
    readonly field: string,
    /** The rule broken, in a few words. */
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }

  toJSON(): { code: ReadModelErrorCode; field: string; rule: string; message: string } {
    return { code: this.code, field: this.field, rule: this.rule, message: this.message };
  }
}

export const invalidArgument = (field: string, rule: string, message: string): ReadModelError =>
  new ReadModelError(ReadModelErrorCode.InvalidArgument, field, rule, message);

/** Raised to whoever waits on the projections when live following stopped on a failure. */
export class ProjectionsStoppedError extends ReadModelError {
  constructor(cause: unknown) {
    super(
      ReadModelErrorCode.ProjectionsStopped,
      'projections',
      'following',
      `The projections stopped following the store: ${cause instanceof Error ? cause.message : String(cause)}. Start the workers again once the store is back.`,
    );
    this.cause = cause;
  }
}

/** A fenced batch whose lease another owner took: nothing of it was written. */
export class LeaseLostError extends ReadModelError {
  constructor(readonly lease: string) {
    super(
      ReadModelErrorCode.LeaseLost,
      lease,
      'lease-held',
      `The lease ${lease} was taken over by another process: this batch was rolled back and the new owner applies it.`,
    );
  }
}

export const isLeaseLost = (error: unknown): error is LeaseLostError =>
  error instanceof ReadModelError && error.code === ReadModelErrorCode.LeaseLost;
