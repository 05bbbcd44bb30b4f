import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryEventStore, type EventStore } from '@leadline/eventstore';
import type { ReadModelStore } from '@leadline/projections';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { mathRandom, systemTimers } from '../runtime/clock.js';
import { createAutomations, type AutomationsControl } from './automations.js';
import { createReadModelReactorState, reactorSlug } from './read-model-reactor-state.js';

const metadata = {
  orgId: 'org-1',
  actorId: 'user-1',
  occurredAt: '2026-03-02T10:00:00.000Z',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
};
const clock = { now: () => new Date('2026-03-02T11:00:00.000Z') };

async function appendNote(store: EventStore, leadId: string): Promise<void> {
  await store.append(`lead-${leadId}`, [
    { type: 'NoteLogged', data: { leadId, noteId: 'n', text: `hello ${leadId}`, outcome: null }, metadata },
  ]);
}

describe('reactor state kept in the read-model store', () => {
  let folder: string;
  const opened: { automations: AutomationsControl[]; stores: ReadModelStore[] } = { automations: [], stores: [] };
  afterEach(async () => {
    for (const automations of opened.automations.splice(0)) await automations.stop();
    for (const store of opened.stores.splice(0)) await store.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const start = async (events: EventStore, seen: string[]): Promise<AutomationsControl> => {
    const readModels = openSqliteReadModelStore({ file: join(folder, 'read-models.db') });
    opened.stores.push(readModels);
    const automations = createAutomations({
      store: events,
      state: createReadModelReactorState(readModels, clock),
      clock,
      timers: systemTimers,
      random: mathRandom,
      onError: () => undefined,
    });
    opened.automations.push(automations);
    automations.on(
      'NoteLogged',
      (event) => {
        if (event.data.leadId === 'bad') throw new Error('webhook returned 500');
        seen.push(event.data.leadId);
      },
      { name: 'Webhook: notes!', maxAttempts: 2, backoff: { baseDelayMs: 0, maxDelayMs: 0 } },
    );
    await automations.start();
    return automations;
  };

  it('keeps the checkpoint and the parked events across a restart; a failed replay keeps the event parked', async () => {
    folder = mkdtempSync(join(tmpdir(), 'leadline-reactors-'));
    const events = createMemoryEventStore();
    const seen: string[] = [];
    const first = await start(events, seen);
    for (const lead of ['a', 'bad', 'b']) await appendNote(events, lead);
    await first.settled();
    await first.stop();
    await opened.stores[0]?.dispose();

    await appendNote(events, 'c');
    const second = await start(events, seen);
    await second.settled();
    expect(seen).toEqual(['a', 'b', 'c']);
    const [parked, ...others] = await second.parked('Webhook: notes!');
    expect(others).toEqual([]);
    expect(parked).toMatchObject({
      reactor: 'Webhook: notes!',
      attempts: 2,
      error: { name: 'Error', message: 'webhook returned 500' },
      parkedAt: '2026-03-02T11:00:00.000Z',
      event: {
        type: 'NoteLogged',
        streamName: 'lead-bad',
        revision: 0n,
        position: 2n,
        data: { leadId: 'bad', text: 'hello bad' },
        metadata,
      },
    });

    expect(await second.replayParked('Webhook: notes!')).toEqual([
      { eventId: parked?.event.eventId, handled: false, attempts: 2 },
    ]);
    expect(await second.parked()).toHaveLength(1);
  });

  it('unparks an event once a replay handles it, and it stays unparked after a restart', async () => {
    folder = mkdtempSync(join(tmpdir(), 'leadline-reactors-'));
    const events = createMemoryEventStore();
    const readModels = openSqliteReadModelStore({ file: join(folder, 'read-models.db') });
    opened.stores.push(readModels);
    let failing = true;
    const automations = createAutomations({
      store: events,
      state: createReadModelReactorState(readModels, clock),
      clock,
      timers: systemTimers,
      random: mathRandom,
      onError: () => undefined,
    });
    opened.automations.push(automations);
    automations.on(
      'NoteLogged',
      () => {
        if (failing) throw new Error('down');
      },
      { name: 'flaky', maxAttempts: 1 },
    );
    await automations.start();
    await appendNote(events, 'x');
    await automations.settled();
    const [parked] = await automations.parked('flaky');
    failing = false;
    expect(await automations.replayParked('flaky', parked?.event.eventId)).toEqual([
      { eventId: parked?.event.eventId, handled: true, attempts: 1 },
    ]);
    expect(await automations.parked('flaky')).toEqual([]);
    await automations.stop();
    await readModels.dispose();

    const reopened = openSqliteReadModelStore({ file: join(folder, 'read-models.db') });
    opened.stores.push(reopened);
    const state = createReadModelReactorState(reopened, clock);
    expect(await state.parked('flaky')).toEqual([]);
    expect(await state.checkpoint('flaky')).toBe(1n);
  });

  it('maps any reactor name to a distinct SQL identifier', () => {
    expect(reactorSlug('Webhook: notes!')).toMatch(/^webhook_notes_[0-9a-f]{8}$/);
    expect(reactorSlug('webhook notes')).not.toBe(reactorSlug('Webhook: notes!'));
    expect(reactorSlug('???')).toMatch(/^r_[0-9a-f]{8}$/);
  });
});
