// Expected revisions: named constants, never magic strings spread across files.

export const ExpectedRevision = {
  /** Append whatever the stream holds. */
  Any: 'any',
  /** The stream must not exist yet. */
  NoStream: 'no_stream',
  /** The stream must exist, at any revision. */
  StreamExists: 'stream_exists',
} as const;

/** One of the named constants, or the exact revision of the stream's last event. */
export type ExpectedRevision = (typeof ExpectedRevision)[keyof typeof ExpectedRevision] | bigint;

/** What a stream is at when it is compared with an expectation: its last revision, or that it has none. */
export type ActualRevision = bigint | typeof ExpectedRevision.NoStream;

/** A stream's revision when it has no events, for arithmetic: -1n. */
export const NO_STREAM_REVISION = -1n;
