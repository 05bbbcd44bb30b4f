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

  /** What one stream's append will write, checked and recorded, or its result when it writes nothing. */
  type PlannedAppend =
    | { readonly result: AppendResult }
    | { readonly streamName: string; readonly stream: MemoryStream | undefined; readonly recorded: RecordedEvent[] };

  /** `logLength`: the log's length when this part is written (a multi-stream append plans its parts in turn). */
  function planAppend({ streamName, events, expectedRevision }: CheckedAppend, logLength: number): PlannedAppend {
    const stream = openStream(streamName);
    const retry = classifyBatch(streamName, events.length, storedRefs(events));
    if (retry.kind === 'retry') return { result: retry.result };
    const length = stream?.events.length ?? 0;
    if (!meetsExpectation(expectedRevision, length))
      checkExpectedRevision(streamName, expectedRevision, actualRevision(stream));
    if (events.length === 0) {
      const last = stream?.events[length - 1];
      return {
        result: { nextExpectedRevision: last?.revision ?? NO_STREAM_REVISION, position: last?.position ?? START },
      };
    }
    // Record (and freeze) every event before the first write, so a rejected event leaves the store untouched.
    const recorded = new Array<RecordedEvent>(events.length);
    for (let index = 0; index < events.length; index++) {
      recorded[index] = record(
        streamName,
        events[index] as EventToAppend,
        length + index,
        logLength + index + 1,
        index,
      );
    }
    return { streamName, stream, recorded };
  }

  function commit(plan: PlannedAppend): AppendResult {
    if ('result' in plan) return plan.result;
    const target = plan.stream ?? { events: [], deleted: false };
    if (plan.stream === undefined) streams.set(plan.streamName, target);
    for (const event of plan.recorded) {
      target.events.push(event);
      log.push(event);
      byEventId.set(event.eventId, event);
    }
    const last = plan.recorded[plan.recorded.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  function appendNow(name: unknown, batch: unknown, appendOptions: AppendOptions | undefined): AppendResult {
    ensureOpen();
    const plan = planAppend(validateAppendArguments(name, batch, appendOptions), log.length);
    const result = commit(plan);
    if (!('result' in plan)) signalChange();
    return result;
  }

  /** Every part planned (checked) before the first is written: one that fails leaves the store untouched. */
  function appendToStreamsNow(appends: unknown): AppendResult[] {
    ensureOpen();
    let logLength = log.length;
    const plans = validateStreamAppends(appends).map((part) => {
      const plan = planAppend(part, logLength);
      if (!('result' in plan)) logLength += plan.recorded.length;
      return plan;
    });
    const results = plans.map(commit);
    if (plans.some((plan) => !('result' in plan))) signalChange();
    return results;
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

    appendToStreams: (appends) => attempt(() => appendToStreamsNow(appends)),

    streamRevisions: (streamNames) =>
      attempt(() => {
        ensureOpen();
        return validateStreamNames(streamNames).map((streamName) => {
          const actual = actualRevision(openStream(streamName));
          return actual === ExpectedRevision.NoStream ? null : actual;
        });
      }),

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
