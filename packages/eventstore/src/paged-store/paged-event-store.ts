// The EventStore port around a durable engine (SQLite, PostgreSQL): argument checks, disposal, error
// mapping and catch-up subscriptions live here once; the engine only stores and reads.
import type {
  AppendResult,
  EventFilter,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
} from '../port/event-store.js';
import type { EventToAppend, RecordedEvent } from '../port/events.js';
import { StoreDisposedError } from '../port/errors.js';
import type { ExpectedRevision } from '../port/revision.js';
import {
  validateAppendArguments,
  validateExpectedRevision,
  validateStreamAppends,
  validateStreamName,
  validateStreamNames,
  type CheckedAppend,
} from '../validation/append-arguments.js';
import {
  validateReadAllOptions,
  validateReadStreamOptions,
  validateSubscribeOptions,
  type CheckedReadAllOptions,
  type CheckedReadStreamOptions,
} from '../validation/read-arguments.js';
import { DEFAULT_RESUBSCRIBE_POLICY, type ResubscribePolicy } from '../resubscribe/resubscribe-policy.js';
import { PagedSubscriptions } from './paged-subscriptions.js';
import type { NewContactKey } from '../sealing/key-store.js';
import { validateNewKeys, type KeyedAppendStore } from '../sealing/keyed-append.js';

type Maybe<Value> = Value | Promise<Value>;

/** What a durable store implements; every argument it receives is already checked. */
export interface PagedStoreEngine {
  append(streamName: string, events: readonly EventToAppend[], expected: ExpectedRevision): Maybe<AppendResult>;
  /** Every part lands or none does (one transaction). */
  appendToStreams(appends: readonly CheckedAppend[]): Maybe<readonly AppendResult[]>;
  /** `append` that also stores new contact keys in its transaction when it writes (KeyedAppendStore). */
  appendWithKeys?(
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    keys: readonly NewContactKey[],
  ): Maybe<AppendResult>;
  /** `appendToStreams` that also stores new contact keys in its transaction when it writes. */
  appendToStreamsWithKeys?(
    appends: readonly CheckedAppend[],
    keys: readonly NewContactKey[],
  ): Maybe<readonly AppendResult[]>;
  /** Whether its key table holds a key of this id (KeyedAppendStore); given with the two above. */
  holdsKey?(keyId: string): Maybe<boolean>;
  deleteStream(streamName: string, expected: ExpectedRevision): Maybe<void>;
  /** Throws StreamDeletedError for a tombstoned stream when iteration starts. */
  readStream(
    streamName: string,
    options: CheckedReadStreamOptions,
  ): Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>;
  readAll(options: CheckedReadAllOptions): Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>;
  /** Matching events with after < position <= upTo, oldest first, at most `limit`. */
  readAllPage(
    after: bigint,
    upTo: bigint,
    limit: number,
    filter: EventFilter | undefined,
  ): Maybe<readonly RecordedEvent[]>;
  /** The position up to which the log is final: no event can later appear at or below it. */
  headPosition(): Maybe<bigint>;
  /** The head a waiting subscription reads (an engine may also make sure it hears notifications). */
  subscriptionHead?(): Maybe<bigint>;
  streamRevision(streamName: string): Maybe<bigint | null>;
  streamRevisions(streamNames: readonly string[]): Maybe<readonly (bigint | null)[]>;
  /** Releases connections and files; subscriptions are stopped before. */
  close(): Maybe<void>;
  /** The engine's own failures as port errors (StoreUnavailableError); others unchanged. */
  asStoreError(error: unknown): unknown;
  /** Longest wait of a live subscription for events no wake-up announced, in ms. */
  readonly pollMs: number;
  readonly pageSize: number;
  /** How a subscription tries again after a read failed with StoreUnavailableError (default policy when absent). */
  readonly resubscribe?: ResubscribePolicy;
}

/**
 * `subscriptions` is given when the engine must reach it (to wake subscribers on a notification from
 * another process); appends through this store wake them in any case.
 */
/** A KeyedAppendStore (see `appendsWithKeys`) when the engine can append with keys. */
export function createPagedEventStore(engine: PagedStoreEngine, subscriptions = new PagedSubscriptions()): EventStore {
  let disposed = false;

  function ensureOpen(): void {
    if (disposed) throw new StoreDisposedError();
  }

  async function run<Result>(work: () => Maybe<Result>): Promise<Result> {
    ensureOpen();
    try {
      return await work();
    } catch (error) {
      throw disposed ? new StoreDisposedError() : engine.asStoreError(error);
    }
  }

  async function* events(
    open: () => Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>,
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    ensureOpen();
    try {
      const source = open();
      // A synchronous engine's events are taken as they are: `for await` would add a promise per event.
      if (Symbol.iterator in source) {
        for (const event of source) {
          yield event;
          ensureOpen();
        }
        return;
      }
      for await (const event of source) {
        yield event;
        ensureOpen();
      }
    } catch (error) {
      throw disposed ? new StoreDisposedError() : engine.asStoreError(error);
    }
  }

  const store: EventStore = {
    append: (streamName, batch, options) =>
      run(async () => {
        const checked = validateAppendArguments(streamName, batch, options);
        const result = await engine.append(checked.streamName, checked.events, checked.expectedRevision);
        subscriptions.changes.notify();
        return result;
      }),

    appendToStreams: (appends) =>
      run(async () => {
        const results = await engine.appendToStreams(validateStreamAppends(appends));
        subscriptions.changes.notify();
        return results;
      }),

    readStream: (streamName: string, options?: ReadStreamOptions) =>
      events(() => {
        const checked = validateReadStreamOptions(options);
        return engine.readStream(validateStreamName(streamName), checked);
      }),

    readAll: (options?: ReadAllOptions) => events(() => engine.readAll(validateReadAllOptions(options))),

    subscribe(options?: SubscribeOptions) {
      ensureOpen();
      const { after, filter } = validateSubscribeOptions(options);
      return subscriptions.subscribe(
        {
          head: () => run(() => (engine.subscriptionHead ?? engine.headPosition).call(engine)),
          readPage: (from, upTo, limit) => run(() => engine.readAllPage(from, upTo, limit, filter)),
          pollMs: engine.pollMs,
          pageSize: engine.pageSize,
          resubscribe: engine.resubscribe ?? DEFAULT_RESUBSCRIBE_POLICY,
        },
        after,
      );
    },

    streamRevision: (streamName) => run(() => engine.streamRevision(validateStreamName(streamName))),

    streamRevisions: (streamNames) => run(() => engine.streamRevisions(validateStreamNames(streamNames))),

    headPosition: () => run(() => engine.headPosition()),

    deleteStream: (streamName, options) =>
      run(() => engine.deleteStream(validateStreamName(streamName), validateExpectedRevision(options))),

    async dispose(): Promise<void> {
      if (disposed) return;
      const stopping = subscriptions.stopAll();
      disposed = true;
      await stopping;
      await engine.close();
    },
  };
  if (
    engine.appendWithKeys === undefined ||
    engine.appendToStreamsWithKeys === undefined ||
    engine.holdsKey === undefined
  )
    return store;
  const appendWithKeys = engine.appendWithKeys.bind(engine);
  const appendToStreamsWithKeys = engine.appendToStreamsWithKeys.bind(engine);
  const holdsKey = engine.holdsKey.bind(engine);
  const keyed: KeyedAppendStore = {
    ...store,
    appendWithKeys: (streamName, batch, keys, options) =>
      run(async () => {
        const checked = validateAppendArguments(streamName, batch, options);
        const newKeys = validateNewKeys(keys);
        const result = await appendWithKeys(checked.streamName, checked.events, checked.expectedRevision, newKeys);
        subscriptions.changes.notify();
        return result;
      }),
    appendToStreamsWithKeys: (appends, keys) =>
      run(async () => {
        const checked = validateStreamAppends(appends);
        const newKeys = validateNewKeys(keys);
        const results = await appendToStreamsWithKeys(checked, newKeys);
        subscriptions.changes.notify();
        return results;
      }),
    holdsKey: (keyId) => run(() => holdsKey(keyId)),
  };
  return keyed;
}
