import { describe, expect, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@leadline/eventstore';
import type { Decider } from './decider.js';
import { handleCommand, type CommandRuntime } from './command-handler.js';
import { ConcurrencyConflictError, RevisionMismatchError } from './errors.js';
import { commandEnvelope, type CommandOptions } from './metadata.js';
import { DEFAULT_RETRY_POLICY } from './retry.js';
import { createStreamStateLoader } from './stream-state.js';
import type { TimerHandle, Timers } from '../runtime/clock.js';

// A counter decider: small enough to read at a glance, stateful enough to show lost races.
type CounterCommand = { type: 'Increment'; by: number };
type CounterEvent = { type: 'Incremented'; data: { by: number; total: number } };
type CounterState = { total: number };
class LimitExceeded extends Error {}
const counter: Decider<CounterCommand, CounterState, CounterEvent, { limit: number }> = {
  initialState: { total: 0 },
  evolve: (_state, event) => ({ total: event.data.total }),
  decide: (command, state, context) => {
    if (command.by === 0) return [];
    if (state.total + command.by > context.limit) throw new LimitExceeded(`limit ${context.limit}`);
    return [{ type: 'Incremented', data: { by: command.by, total: state.total + command.by } }];
  },
};

const immediateTimers = (delays: number[] = []): Timers => ({
  setTimeout(callback, delayMs): TimerHandle {
    delays.push(delayMs);
    setImmediate(callback);
    return { timer: delayMs };
  },
  clearTimeout: () => undefined,
});

function runtimeFor(store: EventStore, overrides: Partial<CommandRuntime> = {}): CommandRuntime {
  let id = 0;
  return {
    store,
    clock: { now: () => new Date('2026-03-02T10:00:00.000Z') },
    ids: { newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}` },
    random: { next: () => 0.5 },
    timers: immediateTimers(),
    retry: DEFAULT_RETRY_POLICY,
    schemaVersionOf: () => 3,
    ...overrides,
  };
}

async function readAll(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(stream)) events.push(event);
  return events;
}

function increment(
  runtime: CommandRuntime,
  by: number,
  options: CommandOptions = {},
  loader = createStreamStateLoader(runtime.store, counter),
) {
  return handleCommand(runtime, {
    decider: counter,
    loader,
    streamName: 'counter-1',
    command: { type: 'Increment', by },
    envelope: commandEnvelope('org-1', 'user-7', options, runtime.ids),
    context: () => ({ limit: 100 }),
  });
}

describe('handleCommand', () => {
  it('appends what the decider decides with the metadata of the command', async () => {
    const store = createMemoryEventStore();
    const runtime = runtimeFor(store);
    const outcome = await increment(runtime, 2, { metadata: { sourceRow: 4, orgId: 'ignored' } });
    const [event] = await readAll(store, 'counter-1');
    expect(event?.data).toEqual({ by: 2, total: 2 });
    expect(event?.metadata).toEqual({
      sourceRow: 4,
      orgId: 'org-1',
      actorId: 'user-7',
      occurredAt: '2026-03-02T10:00:00.000Z',
      correlationId: expect.any(String),
      causationId: expect.any(String),
      schemaVersion: 3,
    });
    expect(event?.metadata.causationId).toBe(event?.metadata.correlationId);
    expect(outcome).toMatchObject({ revision: 0n, replayed: false, attempts: 1 });
    expect(outcome.events.map((e) => e.eventId)).toEqual([event?.eventId]);
  });

  it('carries the causing event: its id as causation, its correlation as correlation', async () => {
    const store = createMemoryEventStore();
    await increment(runtimeFor(store), 1, { causedBy: { eventId: 'evt-9', metadata: { correlationId: 'corr-3' } } });
    const [event] = await readAll(store, 'counter-1');
    expect(event?.metadata).toMatchObject({ causationId: 'evt-9', correlationId: 'corr-3' });
  });

  it('writes nothing when the decider refuses or decides nothing', async () => {
    const store = createMemoryEventStore();
    const runtime = runtimeFor(store);
    await expect(increment(runtime, 101)).rejects.toThrow(LimitExceeded);
    const outcome = await increment(runtime, 0);
    expect(outcome).toMatchObject({ events: [], revision: null });
    expect(await readAll(store, 'counter-1')).toEqual([]);
  });

  it('with an expected revision, appends only when the stream is there, else refuses naming where it is', async () => {
    const store = createMemoryEventStore();
    const runtime = runtimeFor(store);
    const missing = await increment(runtime, 1, { expectedRevision: 0n }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(RevisionMismatchError);
    expect(missing).toMatchObject({ code: 'REVISION_MISMATCH', field: 'expectedRevision', rule: 'current:none' });
    await increment(runtime, 1);
    await increment(runtime, 1, { expectedRevision: 0n });
    const stale = await increment(runtime, 1, { expectedRevision: 0n }).catch((error: unknown) => error);
    expect(stale).toMatchObject({ code: 'REVISION_MISMATCH', rule: 'current:1', currentRevision: 1n });
    expect((await readAll(store, 'counter-1')).map((e) => (e.data as { total: number }).total)).toEqual([1, 2]);
  });

  it('decides again after losing a race, so concurrent callers all land with contiguous revisions', async () => {
    const store = createMemoryEventStore();
    const delays: number[] = [];
    const runtime = runtimeFor(store, {
      timers: immediateTimers(delays),
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 50 },
    });
    const loaders = Array.from({ length: 10 }, () => createStreamStateLoader(store, counter));
    const outcomes = await Promise.all(loaders.map((loader) => increment(runtime, 1, {}, loader)));
    const events = await readAll(store, 'counter-1');
    expect(events.map((e) => (e.data as { total: number }).total)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(outcomes.some((outcome) => outcome.attempts > 1)).toBe(true);
    expect(delays.length).toBeGreaterThan(0);
  });

  it('gives up with a typed error after the bounded number of attempts, backing off with jitter between', async () => {
    const store = createMemoryEventStore();
    const alwaysStale: EventStore = {
      ...store,
      readStream: (name, options) => store.readStream(name, options),
      append: async (name) => {
        throw new WrongExpectedRevisionError(name, 'no_stream', 5n);
      },
    };
    const delays: number[] = [];
    const runtime = runtimeFor(alwaysStale, {
      timers: immediateTimers(delays),
      random: { next: () => 0.5 },
      retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 25 },
    });
    const failure = await increment(runtime, 1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConcurrencyConflictError);
    expect(failure).toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      field: 'expectedRevision',
      streamName: 'counter-1',
      attempts: 4,
    });
    // half of 10, 20, then the 25 ms cap
    expect(delays).toEqual([5, 10, 12]);
  });

  it('returns the first outcome for a retried idempotency key and writes nothing new, even from a fresh process', async () => {
    const store = createMemoryEventStore();
    const first = await increment(runtimeFor(store), 5, { idempotencyKey: 'req-1' });
    const again = await increment(runtimeFor(store), 5, { idempotencyKey: 'req-1' });
    const restarted = await increment(
      runtimeFor(store),
      5,
      { idempotencyKey: 'req-1' },
      createStreamStateLoader(store, counter),
    );
    expect(again).toMatchObject({ replayed: true, revision: 0n });
    expect(restarted.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(restarted.events[0]?.data).toEqual({ by: 5, total: 5 });
    const events = await readAll(store, 'counter-1');
    expect(events).toHaveLength(1);
    expect(events[0]?.metadata.idempotencyKey).toBe('req-1');
    await increment(runtimeFor(store), 5, { idempotencyKey: 'req-2' });
    expect(await readAll(store, 'counter-1')).toHaveLength(2);
  });

  it('derives event ids from the key, so two racing runs of one keyed command write it once', async () => {
    const store = createMemoryEventStore();
    const runtime = runtimeFor(store);
    const [a, b] = await Promise.all([
      increment(runtime, 3, { idempotencyKey: 'same' }, createStreamStateLoader(store, counter)),
      increment(runtime, 3, { idempotencyKey: 'same' }, createStreamStateLoader(store, counter)),
    ]);
    expect(await readAll(store, 'counter-1')).toHaveLength(1);
    expect(a.events[0]?.eventId).toBe(b.events[0]?.eventId);
  });

  describe('with a decision the caller already took', () => {
    const counting = () => {
      const calls: number[] = [];
      const decider: typeof counter = {
        ...counter,
        decide: (command, state, context) => (calls.push(state.total), counter.decide(command, state, context)),
      };
      return { decider, calls };
    };
    const earlier = {
      revision: null,
      now: new Date('2026-03-02T09:00:00.000Z'),
      events: [{ type: 'Incremented' as const, data: { by: 4, total: 4 } }],
    };
    /** "Increment by 4", decided earlier on the absent stream as 4 in all. */
    const incrementByFourAsDecided = (runtime: CommandRuntime, decider: typeof counter) =>
      handleCommand(runtime, {
        decider,
        loader: createStreamStateLoader(runtime.store, counter),
        streamName: 'counter-1',
        command: { type: 'Increment', by: 4 },
        envelope: commandEnvelope('org-1', 'user-7', {}, runtime.ids),
        context: () => ({ limit: 100 }),
        decided: earlier,
      });

    it('appends it at once while the stream is still at the revision it was decided on', async () => {
      const store = createMemoryEventStore();
      const runtime = runtimeFor(store);
      const { decider, calls } = counting();
      const outcome = await incrementByFourAsDecided(runtime, decider);
      expect(calls).toEqual([]);
      expect(outcome).toMatchObject({ revision: 0n, attempts: 1 });
      const [event] = await readAll(store, 'counter-1');
      expect(event?.data).toEqual({ by: 4, total: 4 });
      expect(event?.metadata.occurredAt).toBe('2026-03-02T09:00:00.000Z');
    });

    it('decides afresh when the stream moved since, so a stale decision is never written', async () => {
      const store = createMemoryEventStore();
      const runtime = runtimeFor(store);
      await increment(runtime, 10);
      const { decider, calls } = counting();
      const outcome = await incrementByFourAsDecided(runtime, decider);
      expect(calls).toEqual([10]);
      expect(outcome.events.map((e) => e.data)).toEqual([{ by: 4, total: 14 }]);
      expect((await readAll(store, 'counter-1')).map((e) => e.metadata.occurredAt)).toEqual([
        '2026-03-02T10:00:00.000Z',
        '2026-03-02T10:00:00.000Z',
      ]);
    });

    it('uses it on the first attempt only: after a lost race the command is decided on the new state', async () => {
      const store = createMemoryEventStore();
      let raced = false;
      // Another writer appends between this command's load and its append, once.
      const racing: EventStore = {
        ...store,
        readStream: (name, options) => store.readStream(name, options),
        append: async (name, events, options) => {
          if (!raced) {
            raced = true;
            await store.append(name, [
              {
                type: 'Incremented',
                data: { by: 1, total: 1 },
                metadata: {
                  orgId: 'o',
                  actorId: 'a',
                  occurredAt: '2026-03-02T10:00:00.000Z',
                  correlationId: 'c',
                  causationId: 'c',
                  schemaVersion: 1,
                },
              },
            ]);
          }
          return store.append(name, events, options);
        },
      };
      const runtime = runtimeFor(racing);
      const { decider, calls } = counting();
      const outcome = await incrementByFourAsDecided(runtime, decider);
      expect(calls).toEqual([1]);
      expect(outcome).toMatchObject({ attempts: 2, revision: 1n });
      expect((await readAll(store, 'counter-1')).map((e) => e.data)).toEqual([
        { by: 1, total: 1 },
        { by: 4, total: 5 },
      ]);
    });
  });
});
