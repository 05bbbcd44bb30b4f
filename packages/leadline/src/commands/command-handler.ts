// Load, decide, append with the exact expected revision; on a lost race reload and decide again, a
// bounded number of times with jittered backoff. The one write path of every command.
import {
  ExpectedRevision,
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
} from '@leadline/eventstore';
import type { Clock, IdGenerator, RandomSource, Timers } from '../runtime/clock.js';
import { sleep } from '../runtime/clock.js';
import type { Decider, DomainEvent } from './decider.js';
import { ConcurrencyConflictError, RevisionMismatchError } from './errors.js';
import { derivedEventId } from './idempotency.js';
import { eventMetadata, type CommandEnvelope } from './metadata.js';
import { backoffDelay, type RetryPolicy } from './retry.js';
import type { CommittedEvent, StreamSnapshot, StreamStateLoader } from './stream-state.js';

export interface CommandOutcome<Event extends DomainEvent = DomainEvent> {
  readonly streamName: string;
  /** The events the command wrote (or, when `replayed`, the ones its first run wrote); empty when it changed nothing. */
  readonly events: readonly CommittedEvent<Event>[];
  /** The stream's revision after the command: pass it on as an expected revision. Null: the stream does not exist. */
  readonly revision: bigint | null;
  /** Global position of the last event written, when the command wrote any. */
  readonly position: bigint | null;
  /** True when an earlier run with the same idempotency key had already done the work. */
  readonly replayed: boolean;
  /** How many times the command was decided (more than one after lost races). */
  readonly attempts: number;
}

export interface CommandRuntime {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly random: RandomSource;
  readonly timers: Timers;
  readonly retry: RetryPolicy;
  readonly schemaVersionOf: (eventType: string) => number;
}

export interface StreamCommand<Command, State, Event extends DomainEvent, Context> {
  readonly decider: Decider<Command, State, Event, Context>;
  readonly loader: StreamStateLoader<State, Event>;
  readonly streamName: string;
  readonly command: Command;
  readonly envelope: CommandEnvelope;
  /** Builds the decision's context for this attempt (it may load the organisation and workflows). */
  readonly context: (now: Date, state: State) => Promise<Context> | Context;
  /** A decision the caller already took for this very command: see EarlierDecision. */
  readonly decided?: EarlierDecision<Event>;
}

/**
 * What the domain decided for the command on the stream at `revision`, at `now`, with a context loaded
 * just before (a guarded create decides before it reserves the contacts). The first attempt appends it
 * when the stream is still at that revision: the same pure decision on the same state, so the domain is
 * not asked twice. The append still expects that exact revision; any later attempt decides afresh.
 */
export interface EarlierDecision<Event extends DomainEvent> {
  readonly revision: bigint | null;
  readonly now: Date;
  readonly events: readonly Event[];
}

export async function handleCommand<Command, State, Event extends DomainEvent, Context>(
  runtime: CommandRuntime,
  request: StreamCommand<Command, State, Event, Context>,
): Promise<CommandOutcome<Event>> {
  const { streamName, envelope, loader } = request;
  for (let attempt = 1; ; attempt += 1) {
    const snapshot = await loader.load(streamName);
    const earlier = envelope.idempotencyKey === null ? undefined : snapshot.keyed.get(envelope.idempotencyKey);
    if (earlier !== undefined) return replayedOutcome(streamName, snapshot, earlier, attempt);
    if (envelope.expectedRevision !== null && envelope.expectedRevision !== snapshot.revision) {
      throw new RevisionMismatchError(streamName, envelope.expectedRevision, snapshot.revision);
    }

    const earlierDecision =
      attempt === 1 && request.decided?.revision === snapshot.revision ? request.decided : undefined;
    const now = earlierDecision?.now ?? runtime.clock.now();
    const decided =
      earlierDecision?.events ??
      request.decider.decide(request.command, snapshot.state, await request.context(now, snapshot.state));
    if (decided.length === 0) {
      return {
        streamName,
        events: [],
        revision: snapshot.revision,
        position: null,
        replayed: false,
        attempts: attempt,
      };
    }

    const toAppend = eventsToAppend(runtime, envelope, streamName, decided, now);
    try {
      const result = await runtime.store.append(streamName, toAppend, {
        expectedRevision: snapshot.revision ?? ExpectedRevision.NoStream,
      });
      const first = result.nextExpectedRevision - BigInt(toAppend.length) + 1n;
      // Literals, not `{ ...event, streamName, revision }`: on compiled JS the spread cost 5% of the command path.
      const committed: CommittedEvent<Event>[] = toAppend.map(({ eventId, type, data, metadata }, index) => ({
        eventId,
        type,
        data,
        metadata,
        streamName,
        revision: first + BigInt(index),
      }));
      loader.remember(streamName, snapshot, committed, result.position);
      return {
        streamName,
        events: committed,
        revision: result.nextExpectedRevision,
        position: result.position,
        replayed: false,
        attempts: attempt,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      loader.forget(streamName);
      if (attempt >= runtime.retry.maxAttempts) throw new ConcurrencyConflictError(streamName, attempt, error);
      await sleep(runtime.timers, backoffDelay(runtime.retry, attempt, runtime.random));
    }
  }
}

/** A command's decided events as the store takes them: ids derived from its key (or new), its metadata. */
export function eventsToAppend<Event extends DomainEvent>(
  runtime: Pick<CommandRuntime, 'ids' | 'schemaVersionOf'>,
  envelope: CommandEnvelope,
  streamName: string,
  decided: readonly Event[],
  now: Date,
): (EventToAppend<Event['type'], Event['data']> & { readonly eventId: string })[] {
  const occurredAt = now.toISOString();
  return decided.map((event, index) => ({
    eventId:
      envelope.idempotencyKey === null
        ? runtime.ids.newId()
        : derivedEventId(envelope.orgId, envelope.idempotencyKey, streamName, index),
    type: event.type,
    data: event.data,
    metadata: eventMetadata(envelope, occurredAt, runtime.schemaVersionOf(event.type)),
  }));
}

function replayedOutcome<Event extends DomainEvent>(
  streamName: string,
  snapshot: StreamSnapshot<unknown, Event>,
  events: readonly CommittedEvent<Event>[],
  attempts: number,
): CommandOutcome<Event> {
  const last = events[events.length - 1];
  return {
    streamName,
    events,
    revision: last?.revision ?? snapshot.revision,
    position: null,
    replayed: true,
    attempts,
  };
}
