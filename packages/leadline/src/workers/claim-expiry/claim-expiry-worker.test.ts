import { afterEach, describe, expect, it } from '@jest/globals';
import { LeadId } from '@leadline/domain';
import {
  createMemoryEventStore,
  StoreUnavailableError,
  type EventStore,
  type RecordedEvent,
} from '@leadline/eventstore';
import { createLeadline, type Leadline } from '../../leadline.js';
import { createManualClock, type ManualClock } from '../../testing/manual-clock.js';
import { admin, as, manager, rep1, rep2 } from '../../e2e/actors.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
let opened: Leadline[] = [];
afterEach(async () => {
  await Promise.all(opened.map((leadline) => leadline.close()));
  opened = [];
});

function open(store: EventStore, clock: ManualClock): Leadline {
  const leadline = createLeadline({ store, clock, timers: clock, disposeStores: false });
  opened.push(leadline);
  return leadline;
}

async function setUp(
  leads: number,
  claimWindowMs = HOUR,
): Promise<{ store: EventStore; clock: ManualClock; leadline: Leadline; ids: LeadId[] }> {
  const store = createMemoryEventStore();
  const clock = createManualClock('2026-01-05T09:00:00.000Z');
  const leadline = open(store, clock);
  await leadline.organisations.create({ name: 'Acme', settings: { claimWindowMs } }, { actor: admin });
  const ids = Array.from({ length: leads }, (_, index) => LeadId(`lead-${index}`));
  for (const leadId of ids) {
    await leadline.leads.create(
      { leadId, fields: { name: `Lead ${leadId}`, email: `${leadId}@example.com`, source: 'Website' } },
      as(manager),
    );
  }
  return { store, clock, leadline, ids };
}

async function expiries(store: EventStore): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  for await (const event of store.readAll({ filter: { eventTypes: ['ClaimExpired'] } })) found.push(event);
  return found;
}

const startExpiry = (leadline: Leadline): Promise<void> =>
  leadline.workers.start({ projections: false, automations: false });

describe('the claim expiry worker', () => {
  it('expires claims one by one at their expiry, with one timer armed for the next', async () => {
    const { store, clock, leadline, ids } = await setUp(3);
    await startExpiry(leadline);
    for (const leadId of ids) {
      await leadline.leads.claim({ leadId }, as(rep1));
      await clock.advance(10 * MINUTE);
    }
    await leadline.workers.settled();
    expect(clock.pendingTimers()).toBe(1);
    expect(leadline.workers.claimExpiry.nextExpiry()?.toISOString()).toBe('2026-01-05T10:00:00.000Z');

    await clock.advanceTo(new Date('2026-01-05T10:00:00.000Z'));
    await leadline.workers.settled();
    expect((await expiries(store)).map((event) => [event.data, event.metadata.occurredAt])).toEqual([
      [
        expect.objectContaining({ leadId: 'lead-0', expiresAt: '2026-01-05T10:00:00.000Z' }),
        '2026-01-05T10:00:00.000Z',
      ],
    ]);
    expect(leadline.workers.claimExpiry.nextExpiry()?.toISOString()).toBe('2026-01-05T10:10:00.000Z');

    await clock.advance(20 * MINUTE);
    await leadline.workers.settled();
    expect((await expiries(store)).map((event) => event.metadata.occurredAt)).toEqual([
      '2026-01-05T10:00:00.000Z',
      '2026-01-05T10:10:00.000Z',
      '2026-01-05T10:20:00.000Z',
    ]);
    expect(clock.pendingTimers()).toBe(0);
    expect(leadline.workers.claimExpiry.watching()).toBe(0);
  });

  it('expires a thousand claims lapsing in the same second, each exactly once', async () => {
    const { store, clock, leadline, ids } = await setUp(1000);
    await startExpiry(leadline);
    for (const leadId of ids) await leadline.leads.claim({ leadId }, as(rep1));
    await leadline.workers.settled();
    expect(leadline.workers.claimExpiry.watching()).toBe(1000);
    expect(clock.pendingTimers()).toBe(1);

    await clock.advance(HOUR + 500);
    await leadline.workers.settled();
    const expired = await expiries(store);
    expect(expired).toHaveLength(1000);
    expect(new Set(expired.map((event) => (event.data as { leadId: string }).leadId)).size).toBe(1000);
  });

  it('catches up every claim that lapsed while it was down', async () => {
    const { store, clock, leadline, ids } = await setUp(5);
    for (const leadId of ids.slice(0, 4)) await leadline.leads.claim({ leadId }, as(rep1));
    // One claim ended normally while the worker was down: nothing to expire there.
    await leadline.leads.release({ leadId: ids[0] as LeadId }, as(rep1));
    await clock.advance(3 * 24 * HOUR);
    await leadline.leads.claim({ leadId: ids[4] as LeadId }, as(rep2));

    const restarted = open(store, clock);
    await startExpiry(restarted);
    await restarted.workers.settled();
    const caughtUp = (await expiries(store)).map((event) => [
      (event.data as { leadId: string }).leadId,
      event.metadata.occurredAt,
    ]);
    expect(caughtUp.sort()).toEqual([
      ['lead-1', '2026-01-08T09:00:00.000Z'],
      ['lead-2', '2026-01-08T09:00:00.000Z'],
      ['lead-3', '2026-01-08T09:00:00.000Z'],
    ]);
    expect(restarted.workers.claimExpiry.nextExpiry()?.toISOString()).toBe('2026-01-08T10:00:00.000Z');
  });

  it('stays exactly-once with two workers running at once', async () => {
    const { store, clock, leadline, ids } = await setUp(50);
    const other = open(store, clock);
    await Promise.all([startExpiry(leadline), startExpiry(other)]);
    for (const leadId of ids) await leadline.leads.claim({ leadId }, as(rep1));
    await Promise.all([leadline.workers.settled(), other.workers.settled()]);
    expect(clock.pendingTimers()).toBe(2);

    await clock.advance(HOUR);
    await Promise.all([leadline.workers.settled(), other.workers.settled()]);
    const expired = await expiries(store);
    expect(expired).toHaveLength(50);
    expect(new Set(expired.map((event) => (event.data as { leadId: string }).leadId)).size).toBe(50);
  });

  it('writes nothing when ownership is taken one millisecond before the lapse', async () => {
    const { store, clock, leadline, ids } = await setUp(1);
    const leadId = ids[0] as LeadId;
    await startExpiry(leadline);
    await leadline.leads.claim({ leadId }, as(rep1));
    await clock.advance(HOUR - 1);
    await leadline.leads.takeOwnership({ leadId }, as(rep1));
    await clock.advance(1);
    await leadline.workers.settled();
    expect(await expiries(store)).toEqual([]);
    const types: string[] = [];
    for await (const event of store.readStream(`lead-${leadId}`)) types.push(event.type);
    expect(types).toEqual(['LeadCreated', 'LeadClaimed', 'ClaimReleased', 'LeadAssigned']);
  });

  it('tries a failed expiry again after the retry delay', async () => {
    const { store, clock, leadline, ids } = await setUp(1);
    let failures = 0;
    const flaky: EventStore = {
      ...store,
      append: async (streamName, events, options) => {
        if (events.some((event) => event.type === 'ClaimExpired') && failures++ === 0)
          throw new StoreUnavailableError('connection reset');
        return store.append(streamName, events, options);
      },
    };
    const errors: unknown[] = [];
    const worker = createLeadline({
      store: flaky,
      clock,
      timers: clock,
      disposeStores: false,
      onWorkerError: (error) => errors.push(error),
    });
    opened.push(worker);
    await startExpiry(worker);
    await leadline.leads.claim({ leadId: ids[0] as LeadId }, as(rep1));
    await worker.workers.settled();
    await clock.advance(HOUR);
    await worker.workers.settled();
    expect(await expiries(store)).toEqual([]);
    expect(errors).toEqual([expect.any(StoreUnavailableError)]);
    expect(worker.workers.claimExpiry.nextExpiry()?.toISOString()).toBe('2026-01-05T10:00:05.000Z');
    await clock.advance(5_000);
    await worker.workers.settled();
    expect((await expiries(store)).map((event) => event.metadata.occurredAt)).toEqual(['2026-01-05T10:00:05.000Z']);
  });

  it('re-arms for a new claim that lapses before the one it sleeps for', async () => {
    const { store, clock, leadline, ids } = await setUp(2, 2 * HOUR);
    await startExpiry(leadline);
    await leadline.leads.claim({ leadId: ids[0] as LeadId }, as(rep1));
    await leadline.workers.settled();
    expect(leadline.workers.claimExpiry.nextExpiry()?.toISOString()).toBe('2026-01-05T11:00:00.000Z');
    await leadline.organisations.changeSettings({ changes: { claimWindowMs: 30 * MINUTE } }, as(admin));
    await leadline.leads.claim({ leadId: ids[1] as LeadId }, as(rep2));
    await leadline.workers.settled();
    expect(leadline.workers.claimExpiry.nextExpiry()?.toISOString()).toBe('2026-01-05T09:30:00.000Z');
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(30 * MINUTE);
    await leadline.workers.settled();
    expect((await expiries(store)).map((event) => (event.data as { leadId: string }).leadId)).toEqual(['lead-1']);
  });
});
