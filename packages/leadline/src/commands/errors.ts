// Typed errors of the runtime, shaped like the domain's: a stable code, the field and the rule broken.

export const RuntimeErrorCode = {
  ConcurrencyConflict: 'CONCURRENCY_CONFLICT',
  /** The caller's expected revision (an HTTP If-Match) is not the stream's. */
  RevisionMismatch: 'REVISION_MISMATCH',
  InvalidStoreUrl: 'INVALID_STORE_URL',
  AdapterMissing: 'ADAPTER_MISSING',
  Closed: 'LEADLINE_CLOSED',
  InvalidOption: 'INVALID_OPTION',
  /** `settled()` waited its bounded time and the workers had not caught up. */
  SettleTimeout: 'SETTLE_TIMEOUT',
} as const;
export type RuntimeErrorCode = (typeof RuntimeErrorCode)[keyof typeof RuntimeErrorCode];

export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
  constructor(
    readonly code: RuntimeErrorCode,
    readonly field: string,
    readonly rule: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toJSON(): { code: RuntimeErrorCode; field: string; rule: string; message: string } {
    return { code: this.code, field: this.field, rule: this.rule, message: this.message };
  }
}

/** Other writers kept changing the stream: every reload-and-decide attempt lost the race. */
export class ConcurrencyConflictError extends RuntimeError {
  override readonly name = 'ConcurrencyConflictError';
  constructor(
    readonly streamName: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      RuntimeErrorCode.ConcurrencyConflict,
      'expectedRevision',
      `retries-exhausted:${attempts}`,
      `Stream "${streamName}" changed under the command ${attempts} times in a row; nothing was written. Try the command again.`,
      { cause },
    );
  }
}

/** The stream moved on since the caller read it: nothing was written; `currentRevision` is where it is now. */
export class RevisionMismatchError extends RuntimeError {
  override readonly name = 'RevisionMismatchError';
  constructor(
    readonly streamName: string,
    readonly expectedRevision: bigint,
    readonly currentRevision: bigint | null,
  ) {
    super(
      RuntimeErrorCode.RevisionMismatch,
      'expectedRevision',
      `current:${currentRevision === null ? 'none' : String(currentRevision)}`,
      `"${streamName}" is at revision ${currentRevision === null ? 'none (it does not exist)' : String(currentRevision)}, not ${String(expectedRevision)}; nothing was written. Read it again and retry.`,
    );
  }
}

export class LeadlineClosedError extends RuntimeError {
  override readonly name = 'LeadlineClosedError';
  constructor() {
    super(RuntimeErrorCode.Closed, 'leadline', 'open', 'This Leadline instance was closed; create a new one.');
  }
}

export class InvalidOptionError extends RuntimeError {
  override readonly name = 'InvalidOptionError';
  constructor(field: string, rule: string, message: string) {
    super(RuntimeErrorCode.InvalidOption, field, rule, message);
  }
}

/** The workers did not catch up within `settled()`'s bound: a worker is stuck or far behind. */
export class SettleTimeoutError extends RuntimeError {
  override readonly name = 'SettleTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(
      RuntimeErrorCode.SettleTimeout,
      'timeoutMs',
      `within:${timeoutMs}`,
      `The workers did not catch up with the store within ${timeoutMs} ms; leadline.health() shows which one lags.`,
    );
  }
}
