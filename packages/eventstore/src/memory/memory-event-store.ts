// The in-memory event store: arrays and a Map, for tests, demos and replays. Not durable.
import { v4 as uuid } from 'uuid';
import { checkExpectedRevision } from '../append-rules/expected-revision.js';
import { classifyBatch, type StoredEventRef } from '../append-rules/retry.js';
import { compileEventFilter } from '../filter/event-filter.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../port/event-store.js';
import { START, type EventToAppend, type RecordedEvent } from '../port/events.js';
import { StoreDisposedError, StreamDeletedError } from '../port/errors.js';
import { ExpectedRevision, NO_STREAM_REVISION, type ActualRevision } from '../port/revision.js';
import type { EventStoreOptions } from '../upcasting/upcaster.js';
import { createUpcasterChain } from '../upcasting/upcaster-chain.js';
import { validateEvents, validateExpectedRevision, validateStreamName } from '../validation/append-arguments.js';
import {
  validateReadAllOptions,
  validateReadStreamOptions,
  validateSubscribeOptions,
} from '../validation/read-arguments.js';
import { deepFreezeJson, freezeJson } from './deep-freeze.js';
import { createMemorySubscription, type MemoryFeed } from './memory-subscription.js';
import { readLog, readStreamEvents } from './memory-reads.js';

interface MemoryStream {
  readonly events: RecordedEvent[];
  deleted: boolean;
}

export type MemoryEventStoreOptions = EventStoreOptions;

export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): EventStore {
  const upcasters = createUpcasterChain(options.upcasters);
  const present = (event: RecordedEvent): RecordedEvent => upcasters.apply(event);
  // The global log: the event at position p is log[p - 1].
  const log: RecordedEvent[] = [];
  const streams = new Map<string, MemoryStream>();
  const byEventId = new Map<string, RecordedEvent>();
  let disposed = false;
  let change: { promise: Promise<void>; resolve: () => void } | undefined;

  function signalChange(): void {
    if (change === undefined) return;
    const { resolve } = change;
    change = undefined;
    resolve();
  }

  const feed: MemoryFeed = {
    log,
    present,
    get disposed() {
      return disposed;
    },
    nextChange(): Promise<void> {
      if (change === undefined) {
        let resolve!: () => void;
        const promise = new Promise<void>((done) => (resolve = done));
        change = { promise, resolve };
      }
      return change.promise;
    },
  };

  function ensureOpen(): void {
    if (disposed) throw new StoreDisposedError();
  }

  function openStream(streamName: string): MemoryStream | undefined {
    const stream = streams.get(streamName);
    if (stream?.deleted === true) throw new StreamDeletedError(streamName);
    return stream;
  }

  function actualRevision(stream: MemoryStream | undefined): ActualRevision {
    return stream === undefined || stream.events.length === 0
      ? ExpectedRevision.NoStream
      : BigInt(stream.events.length - 1);
  }

  function appendNow(name: unknown, batch: unknown, appendOptions: AppendOptions | undefined): AppendResult {
    ensureOpen();
    const streamName = validateStreamName(name);
    const events = validateEvents(batch);
    const expectedRevision = validateExpectedRevision(appendOptions);
    const stream = openStream(streamName);
    const retry = classifyBatch(streamName, events.length, storedRefs(events));
    if (retry.kind === 'retry') return retry.result;
    const length = stream?.events.length ?? 0;
    if (!meetsExpectation(expectedRevision, length))
      checkExpectedRevision(streamName, expectedRevision, actualRevision(stream));
    if (events.length === 0) {
      const last = stream?.events[length - 1];
      return { nextExpectedRevision: last?.revision ?? NO_STREAM_REVISION, position: last?.position ?? START };
    }
    // Record (and freeze) every event before the first write, so a rejected event leaves the store untouched.
    const recorded = new Array<RecordedEvent>(events.length);
    for (let index = 0; index < events.length; index++) {
      recorded[index] = record(
        streamName,
        events[index] as EventToAppend,
        length + index,
        log.length + index + 1,
        index,
      );
    }
    const target = stream ?? { events: [], deleted: false };
    if (stream === undefined) streams.set(streamName, target);
    for (const event of recorded) {
      target.events.push(event);
      log.push(event);
      byEventId.set(event.eventId, event);
    }
    signalChange();
    const last = recorded[recorded.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  const nothingStored: readonly StoredEventRef[] = [];

  function storedRefs(events: readonly EventToAppend[]): readonly StoredEventRef[] {
    let stored: StoredEventRef[] | undefined;
    for (const event of events) {
      const found = event.eventId === undefined ? undefined : byEventId.get(event.eventId);
      if (found !== undefined) (stored ??= []).push(found);
    }
    return stored ?? nothingStored;
  }

  function deleteNow(name: unknown, deleteOptions: AppendOptions | undefined): void {
    ensureOpen();
    const streamName = validateStreamName(name);
    const expectedRevision = validateExpectedRevision(deleteOptions);
    const stream = openStream(streamName);
    checkExpectedRevision(streamName, expectedRevision, actualRevision(stream));
    if (stream === undefined) streams.set(streamName, { events: [], deleted: true });
    else stream.deleted = true;
  }

  return {
    append(streamName, events, appendOptions): Promise<AppendResult> {
      try {
        return Promise.resolve(appendNow(streamName, events, appendOptions));
      } catch (error) {
        return Promise.reject(error);
      }
    },

    readStream(streamName: string, readOptions?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
      return readStreamEvents(() => {
        ensureOpen();
        const checked = validateReadStreamOptions(readOptions);
        const events = openStream(validateStreamName(streamName))?.events ?? [];
        return { events, direction: checked.direction, fromRevision: checked.fromRevision, maxCount: checked.maxCount };
      }, present);
    },

    readAll(readOptions?: ReadAllOptions): AsyncIterable<RecordedEvent> {
      return readLog(() => {
        ensureOpen();
        const { after, maxCount, filter } = validateReadAllOptions(readOptions);
        return { log, after, maxCount, matches: compileEventFilter(filter) };
      }, present);
    },

    subscribe(subscribeOptions?: SubscribeOptions): Subscription {
      ensureOpen();
      const { after, filter } = validateSubscribeOptions(subscribeOptions);
      return createMemorySubscription(feed, after, compileEventFilter(filter));
    },

    streamRevision: (streamName) =>
      attempt(() => {
        ensureOpen();
        const actual = actualRevision(openStream(validateStreamName(streamName)));
        return actual === ExpectedRevision.NoStream ? null : actual;
      }),

    headPosition: () => attempt(() => (ensureOpen(), BigInt(log.length))),

    deleteStream: (streamName, deleteOptions) => attempt(() => deleteNow(streamName, deleteOptions)),

    dispose(): Promise<void> {
      disposed = true;
      signalChange();
      return Promise.resolve();
    },
  };
}

// Revisions repeat across streams: sharing the small ones saves a bigint per event.
const smallRevisions = Array.from({ length: 1024 }, (_, revision) => BigInt(revision));

function record(
  streamName: string,
  event: EventToAppend,
  revision: number,
  position: number,
  index: number,
): RecordedEvent {
  return Object.freeze({
    eventId: event.eventId ?? uuid(),
    type: event.type,
    data: frozen(event.data, index, 'data'),
    metadata: frozen(event.metadata, index, 'metadata'),
    streamName,
    revision: smallRevisions[revision] ?? BigInt(revision),
    position: BigInt(position),
  });
}

/** Freezes an event's part; only a part that is not JSON walks again (naming the field) to throw. */
function frozen<Value>(value: Value, index: number, part: 'data' | 'metadata'): Value {
  return freezeJson(value) ? value : deepFreezeJson(value, () => `events[${index}].${part}`);
}

/** The expected-revision rule on a stream of `length` events, without building the bigint of its revision. */
function meetsExpectation(expected: ExpectedRevision, length: number): boolean {
  if (expected === ExpectedRevision.Any) return true;
  if (expected === ExpectedRevision.NoStream) return length === 0;
  if (expected === ExpectedRevision.StreamExists) return length > 0;
  // Exact for every revision a stream can reach (below 2^53), with no bigint built.
  return length > 0 && Number(expected) === length - 1;
}

/** Runs synchronous work behind the port's promise: a throw becomes a rejection. */
function attempt<Result>(work: () => Result): Promise<Result> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}
