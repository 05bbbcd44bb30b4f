import { describe, expect, it } from '@jest/globals';
import { LeadId } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import type { ReadModelStore } from '@leadline/projections';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline } from '../leadline.js';
import { acting, openWithOrganisation, owner, ORG } from '../intake/test-support/setup.js';

const quiet = (): void => undefined;

/** A LeadCreated whose lead id is an array: the SQL stores cannot write it, a command would refuse it. */
async function appendPoison(store: ReturnType<typeof createMemoryEventStore>): Promise<void> {
  await store.append('lead-poison', [
    {
      eventId: '00000000-0000-4000-8000-0000000000aa',
      type: 'LeadCreated',
      data: { leadId: ['poison'], orgId: ORG, name: 'Poison', source: 'Website' },
      metadata: {
        orgId: ORG,
        actorId: owner.userId,
        occurredAt: '2026-03-02T09:00:00.000Z',
        correlationId: 'c',
        causationId: 'c',
        schemaVersion: 1,
      },
    },
  ]);
}

describe('health and parked projection events through the facade', () => {
  it.each([
    ['sqlite :memory: (the in-memory mode)', (): ReadModelStore => openSqliteReadModelStore({ file: ':memory:' })],
  ])('on %s read models, a poisoned event stops no other lead and shows in health', async (_kind, readModels) => {
    const store = createMemoryEventStore();
    const { leadline } = await openWithOrganisation(store, { readModels: readModels(), onWorkerError: quiet });
    try {
      await leadline.workers.start();
      await appendPoison(store);
      await leadline.leads.create(
        { leadId: LeadId('after'), fields: { name: 'After', email: 'after@example.com', source: 'Website' } },
        acting(),
      );
      await leadline.workers.settled({ timeoutMs: 5_000 });

      const hits = await leadline.queries.searchLeads({ viewer: owner, name: 'After' });
      expect(hits.items.map((hit) => hit.leadId)).toEqual(['after']);
      const health = await leadline.health();
      expect(health.projectionsFailure).toBeNull();
      expect(health.projections.every((projection) => projection.lag === 0n)).toBe(true);
      const parked = await leadline.projections.parked();
      // The memory store writes an array id as text; SQLite refuses it, so there every LeadCreated projector parks it.
      expect(health.healthy).toBe(parked.length === 0);
      expect(health.projections.reduce((sum, projection) => sum + projection.parked, 0)).toBe(parked.length);
      const retried = await leadline.projections.retryParked();
      expect(retried.every((outcome) => !outcome.applied)).toBe(true);
      expect((await leadline.projections.parked()).every((entry) => entry.attempts === 2)).toBe(true);
    } finally {
      await leadline.close();
    }
  });

  it('SQLite parks the event it cannot write', async () => {
    const store = createMemoryEventStore();
    const { leadline } = await openWithOrganisation(store, {
      readModels: openSqliteReadModelStore({ file: ':memory:' }),
      onWorkerError: quiet,
    });
    try {
      await appendPoison(store);
      await leadline.workers.start();
      await leadline.workers.settled();
      const parked = await leadline.projections.parked();
      expect(parked.length).toBeGreaterThan(0);
      expect(new Set(parked.map((entry) => entry.eventId))).toEqual(new Set(['00000000-0000-4000-8000-0000000000aa']));
      expect((await leadline.health()).healthy).toBe(false);
    } finally {
      await leadline.close();
    }
  });

  it('settled() rejects with SETTLE_TIMEOUT when the projections cannot catch up in time', async () => {
    const readModels = openSqliteReadModelStore({ file: ':memory:' });
    const store = createMemoryEventStore();
    const { leadline } = await openWithOrganisation(store, { readModels, onWorkerError: quiet });
    try {
      await leadline.workers.start();
      // Every commit from now on hangs: the runner waits on a store that never answers.
      readModels.applyBatches = () => new Promise<void>(() => undefined);
      await leadline.leads.create(
        { leadId: LeadId('stuck'), fields: { name: 'Stuck', email: 'stuck@example.com', source: 'Website' } },
        acting(),
      );
      await expect(leadline.workers.settled({ timeoutMs: 50 })).rejects.toMatchObject({ code: 'SETTLE_TIMEOUT' });
    } finally {
      // Stopping waits for the commit in flight, which never ends here: leave it.
      void leadline.workers.stop();
    }
  });

  it('settled() rejects with PROJECTIONS_STOPPED when the read-model store fails, and health says why', async () => {
    const readModels = openSqliteReadModelStore({ file: ':memory:' });
    const store = createMemoryEventStore();
    const { leadline } = await openWithOrganisation(store, { readModels, onWorkerError: quiet });
    try {
      await leadline.workers.start();
      readModels.applyBatches = () => Promise.reject(new Error('disk full'));
      await leadline.leads.create(
        { leadId: LeadId('down'), fields: { name: 'Down', email: 'down@example.com', source: 'Website' } },
        acting(),
      );
      await expect(leadline.workers.settled()).rejects.toMatchObject({ code: 'PROJECTIONS_STOPPED' });
      const health = await leadline.health();
      expect(health).toMatchObject({ healthy: false, projectionsFailure: { message: 'disk full' } });
      expect(await leadline.projections.parked()).toEqual([]);
    } finally {
      await leadline.close();
    }
  });

  it('refuses a settle timeout that is not a positive whole number', async () => {
    expect(() => createLeadline({ store: createMemoryEventStore(), settleTimeoutMs: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'settleTimeoutMs' }),
    );
    const leadline = createLeadline({ store: createMemoryEventStore() });
    await expect(leadline.workers.settled({ timeoutMs: -1 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await leadline.close();
  });
});
