import { afterEach, describe, expect, it } from '@jest/globals';
import { createMemoryEventStore, type EventStore } from '@leadline/eventstore';
import { mathRandom, systemTimers } from '../runtime/clock.js';
import { createAutomations, type AutomationsControl } from './automations.js';
import { createMemoryReactorState, type ReactorStateStore } from './reactor-state.js';

const metadata = {
  orgId: 'org-1',
  actorId: 'user-1',
  occurredAt: '2026-03-02T10:00:00.000Z',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
};

async function appendStageChange(
  store: EventStore,
  leadId: string,
  toCategory: 'open' | 'won' | 'lost',
  reason: string | null = null,
): Promise<void> {
  await store.append(`lead-${leadId}`, [
    {
      type: 'StageChanged',
      data: {
        leadId,
        workflowId: 'wf',
        from: 's1',
        to: 's2',
        fromName: 'A',
        toName: 'B',
        fromCategory: 'open',
        toCategory,
        reason,
      },
      metadata,
    },
  ]);
}

function automationsOn(
  store: EventStore,
  state: ReactorStateStore = createMemoryReactorState(),
  errors: unknown[] = [],
): AutomationsControl {
  return createAutomations({
    store,
    state,
    clock: { now: () => new Date('2026-03-02T11:00:00.000Z') },
    timers: systemTimers,
    random: mathRandom,
    onError: (error) => errors.push(error),
  });
}

const fastBackoff = { baseDelayMs: 1, maxDelayMs: 2 };
let running: AutomationsControl[] = [];
afterEach(async () => {
  await Promise.all(running.map((automations) => automations.stop()));
  running = [];
});

describe('automations', () => {
  it('delivers history and live events of the chosen types, with the event id for deduplication', async () => {
    const store = createMemoryEventStore();
    await appendStageChange(store, 'a', 'lost', 'too expensive');
    const automations = automationsOn(store);
    running.push(automations);
    const seen: string[] = [];
    automations.on(
      'StageChanged',
      (event) => {
        if (event.data.toCategory === 'lost')
          seen.push(`${event.data.leadId}:${event.data.reason ?? ''}:${event.eventId.length > 0}`);
      },
      { name: 'lost-reasons' },
    );
    await automations.start();
    await appendStageChange(store, 'b', 'lost', 'no budget');
    await appendStageChange(store, 'c', 'won');
    await store.append('lead-d', [
      { type: 'NoteLogged', data: { leadId: 'd', noteId: 'n', text: 'hi', outcome: null }, metadata },
    ]);
    await automations.settled();
    expect(seen).toEqual(['a:too expensive:true', 'b:no budget:true']);
  });

  it('retries a throwing handler, parks the event after the last attempt and moves on; other reactors are untouched', async () => {
    const store = createMemoryEventStore();
    const errors: unknown[] = [];
    const automations = automationsOn(store, createMemoryReactorState(), errors);
    running.push(automations);
    const attempts: Record<string, number[]> = {};
    const healthy: string[] = [];
    automations.on(
      'StageChanged',
      (event, delivery) => {
        (attempts[event.data.leadId] ??= []).push(delivery.attempt);
        if (event.data.leadId === 'bad') throw new Error('mail server down');
      },
      { name: 'mailer', maxAttempts: 3, backoff: fastBackoff },
    );
    automations.on(
      ['StageChanged'],
      (event) => {
        healthy.push(event.data.leadId);
      },
      { name: 'audit' },
    );
    await automations.start();
    for (const lead of ['one', 'bad', 'two']) await appendStageChange(store, lead, 'open');
    await automations.settled();

    expect(attempts).toEqual({ one: [1], bad: [1, 2, 3], two: [1] });
    expect(healthy).toEqual(['one', 'bad', 'two']);
    expect(errors).toHaveLength(3);
    const parked = await automations.parked('mailer');
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({
      reactor: 'mailer',
      attempts: 3,
      error: { message: 'mail server down' },
      parkedAt: '2026-03-02T11:00:00.000Z',
    });
    expect(parked[0]?.event.data).toMatchObject({ leadId: 'bad' });
    expect(await automations.parked('audit')).toEqual([]);
  });

  it('replays a parked event: handled now, it is unparked', async () => {
    const store = createMemoryEventStore();
    const automations = automationsOn(store);
    running.push(automations);
    let failing = true;
    const handled: string[] = [];
    automations.on(
      'StageChanged',
      (event) => {
        if (failing) throw new Error('down');
        handled.push(event.eventId);
      },
      { name: 'flaky', maxAttempts: 2, backoff: fastBackoff },
    );
    await automations.start();
    await appendStageChange(store, 'x', 'won');
    await automations.settled();
    const [parked] = await automations.parked();
    expect(await automations.replayParked('flaky')).toEqual([
      { eventId: parked?.event.eventId, handled: false, attempts: 2 },
    ]);
    failing = false;
    expect(await automations.replayParked('flaky', parked?.event.eventId)).toEqual([
      { eventId: parked?.event.eventId, handled: true, attempts: 1 },
    ]);
    expect(handled).toEqual([parked?.event.eventId]);
    expect(await automations.parked()).toEqual([]);
  });

  it('resumes after its checkpoint when started again with the same state', async () => {
    const store = createMemoryEventStore();
    const state = createMemoryReactorState();
    const seen: string[] = [];
    const register = (automations: AutomationsControl): void => {
      automations.on(
        'StageChanged',
        (event) => {
          seen.push(event.data.leadId);
        },
        { name: 'counter' },
      );
    };
    const first = automationsOn(store, state);
    register(first);
    await first.start();
    await appendStageChange(store, 'a', 'open');
    await first.settled();
    await first.stop();
    await appendStageChange(store, 'b', 'open');
    const second = automationsOn(store, state);
    running.push(second);
    register(second);
    await second.start();
    await second.settled();
    expect(seen).toEqual(['a', 'b']);
  });

  it('refuses a reactor without a name, a duplicate name or no event types', () => {
    const automations = automationsOn(createMemoryEventStore());
    automations.on('LeadCreated', () => undefined, { name: 'one' });
    expect(() => automations.on('LeadCreated', () => undefined, { name: ' ' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'name', rule: 'required' }),
    );
    expect(() => automations.on('LeadCreated', () => undefined, { name: 'one' })).toThrow(
      expect.objectContaining({ rule: 'unique' }),
    );
    expect(() => automations.on([], () => undefined, { name: 'two' })).toThrow(
      expect.objectContaining({ field: 'eventTypes' }),
    );
  });

  it('starts a reactor registered with startAt end after the events already stored', async () => {
    const store = createMemoryEventStore();
    await appendStageChange(store, 'old', 'open');
    const automations = automationsOn(store);
    running.push(automations);
    const seen: string[] = [];
    automations.on(
      'StageChanged',
      (event) => {
        seen.push(event.data.leadId);
      },
      { name: 'new-only', startAt: 'end' },
    );
    await automations.start();
    await appendStageChange(store, 'new', 'open');
    await automations.settled();
    expect(seen).toEqual(['new']);
  });
});
