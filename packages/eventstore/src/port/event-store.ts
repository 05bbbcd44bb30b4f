// The EventStore port: what every adapter (memory, SQLite, PostgreSQL, EventStoreDB) implements and
// what the conformance suite in `@leadline/eventstore/testing` proves.
import type { EventToAppend, RecordedEvent } from './events.js';
import type { ExpectedRevision } from './revision.js';

export interface AppendOptions {
  /** Defaults to `ExpectedRevision.Any`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event now in the stream (pass it as the next expected revision). */
  readonly nextExpectedRevision: bigint;
  /** The global position of the last event appended. */
  readonly position: bigint;
}

/** One stream's part of `appendToStreams`. */
export interface StreamAppend {
  readonly streamName: string;
  readonly events: readonly EventToAppend[];
  /** Defaults to `ExpectedRevision.Any`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** Defaults to forwards. */
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the first event (forwards) or the last (backwards). */
  readonly fromRevision?: bigint;
  /** Defaults to no limit. */
  readonly maxCount?: number;
}

/** Which events a global read or a subscription delivers; no filter means all. */
export interface EventFilter {
  /** Only these event types. */
  readonly eventTypes?: readonly string[];
  /** Only streams whose name starts with one of these (`lead-`, `workflow-`). */
  readonly streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this. Defaults to START (0n). */
  readonly after?: bigint;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this position (the last checkpoint). Defaults to START. */
  readonly after?: bigint;
  readonly filter?: EventFilter;
}

/**
 * What a subscription delivers: every matching event in global order, once; then a `caught-up`
 * marker when the history is exhausted; then live events as they are appended.
 */
export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** `position` is the store's head when the history was exhausted (a checkpoint may advance to it). */
  | { readonly kind: 'caught-up'; readonly position: bigint };

export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Stops delivery; the iterator ends. Safe to call twice. */
  stop(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends all events to the stream, or none. Checks the expected revision first (atomically with
   * the write). An exact retry of a batch already stored (same event ids, same stream) succeeds
   * without writing and returns the original result.
   */
  append(streamName: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult>;

  /**
   * Appends to several streams (each named once) as one write: every part lands or none does, each
   * checked as `append` checks it (an exact retry of a part gets its original result). Results come in
   * the order of `appends`. EventStoreDB has no such write: its adapter appends part after part.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]>;

  /** `streamRevision` of several streams at once (null: no such stream), in the order given. */
  streamRevisions(streamNames: readonly string[]): Promise<readonly (bigint | null)[]>;

  /** A stream's events; a stream that does not exist yields nothing. A deleted one throws StreamDeletedError. */
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /** The whole store in global order, streamed (never loaded all at once). */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** Catch-up then live subscription to the global feed. */
  subscribe(options?: SubscribeOptions): Subscription;

  /** The revision of a stream's last event, or null when the stream does not exist. */
  streamRevision(streamName: string): Promise<bigint | null>;

  /** The position of the last event in the store, START when empty. */
  headPosition(): Promise<bigint>;

  /** Tombstones a stream: it can no longer be read or appended to. */
  deleteStream(streamName: string, options?: AppendOptions): Promise<void>;

  /** Releases connections, files and timers. */
  dispose(): Promise<void>;
}
