// Loads a stream's state by folding its events with the decider's evolve, keeping recent states in a
// bounded cache: a reload reads only the events after the cached revision, so a stale entry is never used.
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import type { Decider, DomainEvent } from './decider.js';
import { idempotencyKeyOf } from './idempotency.js';

/** An event as a command wrote it: everything a recorded event has but its global position. */
export type CommittedEvent<Event extends DomainEvent = DomainEvent> = Omit<
  RecordedEvent<Event['type'], Event['data']>,
  'position'
>;

export interface StreamSnapshot<State, Event extends DomainEvent> {
  readonly state: State;
  /** The last revision folded, or null when the stream has no events. */
  readonly revision: bigint | null;
  /** The events written under each idempotency key, as the first outcome to return on a retry. */
  readonly keyed: ReadonlyMap<string, readonly CommittedEvent<Event>[]>;
  /** The global position of the last event folded, when known. */
  readonly position: bigint | null;
}

export interface StreamStateLoader<State, Event extends DomainEvent> {
  load(streamName: string): Promise<StreamSnapshot<State, Event>>;
  /** Folds events this process just appended, so the next command need not read them back. */
  remember(
    streamName: string,
    base: StreamSnapshot<State, Event>,
    appended: readonly CommittedEvent<Event>[],
    position: bigint,
  ): StreamSnapshot<State, Event>;
  forget(streamName: string): void;
  /** The cached snapshot as it is, unchecked: a hint for what to load alongside (never for a decision). */
  cached(streamName: string): StreamSnapshot<State, Event> | undefined;
}

export const DEFAULT_STREAM_CACHE_SIZE = 50_000;

export function createStreamStateLoader<State, Event extends DomainEvent>(
  store: EventStore,
  decider: Pick<Decider<never, State, Event, never>, 'evolve' | 'initialState'>,
  capacity = DEFAULT_STREAM_CACHE_SIZE,
): StreamStateLoader<State, Event> {
  const cache = new Map<string, StreamSnapshot<State, Event>>();
  const empty: StreamSnapshot<State, Event> = {
    state: decider.initialState,
    revision: null,
    keyed: new Map(),
    position: null,
  };

  const fold = (
    base: StreamSnapshot<State, Event>,
    events: readonly CommittedEvent<Event>[],
    position: bigint | null,
  ): StreamSnapshot<State, Event> => {
    if (events.length === 0) return base;
    let state = base.state;
    let keyed = base.keyed;
    for (const event of events) {
      state = decider.evolve(state, { type: event.type, data: event.data } as Event);
      const key = idempotencyKeyOf(event.metadata);
      if (key !== null) {
        if (keyed === base.keyed) keyed = new Map(base.keyed);
        const { eventId, type, data, metadata, streamName, revision } = event;
        (keyed as Map<string, readonly CommittedEvent<Event>[]>).set(key, [
          ...(keyed.get(key) ?? []),
          { eventId, type, data, metadata, streamName, revision },
        ]);
      }
    }
    const last = events[events.length - 1];
    return { state, revision: last === undefined ? base.revision : last.revision, keyed, position };
  };

  const keep = (streamName: string, snapshot: StreamSnapshot<State, Event>): void => {
    cache.delete(streamName);
    cache.set(streamName, snapshot);
    if (cache.size > capacity) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
  };

  return {
    async load(streamName) {
      const cached = cache.get(streamName) ?? empty;
      // The common cases: nothing new since the cached revision, or no stream yet (a lead about to be
      // created); a revision check is much cheaper than opening a read.
      if ((await store.streamRevision(streamName)) === cached.revision) return cached;
      const fresh: RecordedEvent<Event['type'], Event['data']>[] = [];
      const from = cached.revision === null ? undefined : cached.revision + 1n;
      for await (const event of store.readStream(streamName, from === undefined ? {} : { fromRevision: from })) {
        fresh.push(event);
      }
      const lastPosition = fresh[fresh.length - 1]?.position ?? cached.position;
      const snapshot = fold(cached, fresh, lastPosition);
      if (snapshot.revision !== null) keep(streamName, snapshot);
      return snapshot;
    },
    remember(streamName, base, appended, position) {
      const snapshot = fold(base, appended, position);
      keep(streamName, snapshot);
      return snapshot;
    },
    forget(streamName) {
      cache.delete(streamName);
    },
    cached: (streamName) => cache.get(streamName),
  };
}
