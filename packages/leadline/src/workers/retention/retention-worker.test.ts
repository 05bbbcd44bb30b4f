// The retention worker in two processes sharing one store (SQLite file, PostgreSQL schema): one holds the
// job's lease and erases each lead past the policy once; the other takes over when the first stops or
// stops renewing, and nothing is erased twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, leadStream, OrgId, UserId, type Actor, type LeadId } from '@leadline/domain';
import { describeWithPostgres, usePostgresTestSchema } from '@leadline/postgres/testing';
import type { Leadline } from '../../leadline.js';
import { openLeadline } from '../../store-url/open-leadline.js';
import { createManualClock, type ManualClock } from '../../testing/manual-clock.js';
import { validateRetentionOptions } from './retention-options.js';
import { RETENTION_LEASE } from './retention-worker.js';

const orgId = OrgId('acme');
const admin: Actor = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
const DAY_MS = 24 * 60 * 60 * 1000;
const INTERVAL_MS = 20 * DAY_MS;
const LEASE_TTL_MS = 1_500;
const START = '2024-01-15T09:00:00Z';

interface Instance {
  readonly leadline: Leadline;
  readonly clock: ManualClock;
  readonly errors: unknown[];
}

type Open = (owner: string, clock: ManualClock, errors: unknown[]) => Promise<Leadline>;

async function instance(open: Open, owner: string): Promise<Instance> {
  const clock = createManualClock(START);
  const errors: unknown[] = [];
  return { leadline: await open(owner, clock, errors), clock, errors };
}

const erasuresOf = async (leadline: Leadline, leadId: LeadId) => {
  const found: string[] = [];
  for await (const event of leadline.store.readStream(leadStream(leadId))) {
    if (event.type === 'ContactErased') found.push(event.metadata.actorId);
  }
  return found;
};

async function loseLead(leadline: Leadline, name: string): Promise<LeadId> {
  const { leadId } = await leadline.leads.create(
    { fields: { name, email: `${name.toLowerCase().replace(' ', '.')}@example.com`, source: 'Referral' } },
    { actor: admin },
  );
  await leadline.leads.markLost({ leadId, reason: 'No budget' }, { actor: admin });
  return leadId;
}

const realWait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two processes: each lost lead past the policy is erased once, by whichever holds the lease. */
async function twoProcessesEraseOnce(open: Open): Promise<void> {
  const a = await instance(open, 'process-a');
  const b = await instance(open, 'process-b');
  try {
    await a.leadline.workers.start({ retention: false });
    await b.leadline.workers.start({ retention: false });
    await a.leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
    await a.leadline.contacts.setRetentionPolicy({ lostLeadsAfterMonths: 24 }, { actor: admin });
    const lost = [await loseLead(a.leadline, 'Old One'), await loseLead(b.leadline, 'Old Two')];
    const { leadId: open } = await a.leadline.leads.create(
      { fields: { name: 'Still Open', email: 'open@example.com', source: 'Referral' } },
      { actor: admin },
    );
    await Promise.all([a.clock.advance(740 * DAY_MS), b.clock.advance(740 * DAY_MS)]);
    await Promise.all([a.leadline.workers.settled(), b.leadline.workers.settled()]);

    // Both start the worker at once: each tries a round as it goes live; one holds the lease.
    await Promise.all([a.leadline.workers.start(), b.leadline.workers.start()]);
    await Promise.all([a.leadline.workers.settled(), b.leadline.workers.settled()]);
    const holders = [a, b].filter((p) => p.leadline.workers.retention?.holdsLease() === true);
    expect(holders).toHaveLength(1);
    const [holder] = holders as [Instance];
    const other = holder === a ? b : a;
    for (const leadId of lost) expect(await erasuresOf(a.leadline, leadId)).toEqual(['system:retention']);
    expect(await erasuresOf(a.leadline, open)).toEqual([]);

    // Rounds an interval later in both: the holder runs again (nothing new), the other stays out.
    await Promise.all([a.clock.advance(INTERVAL_MS), b.clock.advance(INTERVAL_MS)]);
    await Promise.all([a.leadline.workers.settled(), b.leadline.workers.settled()]);
    expect(other.leadline.workers.retention?.holdsLease()).toBe(false);
    for (const leadId of lost) expect(await erasuresOf(a.leadline, leadId)).toHaveLength(1);

    // The holder stops renewing (hung: its timers never fire): the lease lapses in real time, and the
    // other takes the job over at its next round and erases what is newly past the policy.
    const later = await loseLead(holder.leadline, 'Later Lost');
    await holder.leadline.workers.settled();
    await realWait(LEASE_TTL_MS + 200);
    await other.clock.advance(740 * DAY_MS);
    await other.leadline.workers.settled();
    expect(other.leadline.workers.retention?.holdsLease()).toBe(true);
    expect(await erasuresOf(other.leadline, later)).toEqual(['system:retention']);
    const leases = (await other.leadline.readModels?.leases.list(RETENTION_LEASE)) ?? [];
    expect(leases.map((lease) => [lease.owner, lease.held])).toEqual([['process-' + (other === a ? 'a' : 'b'), true]]);

    // Stopping gives the lease up at once.
    await other.leadline.workers.stop();
    expect(((await holder.leadline.readModels?.leases.list(RETENTION_LEASE)) ?? []).map((l) => l.held)).toEqual([
      false,
    ]);
    for (const leadId of [...lost, later]) expect(await erasuresOf(a.leadline, leadId)).toHaveLength(1);
    expect([...a.errors, ...b.errors]).toEqual([]);
  } finally {
    await a.leadline.close();
    await b.leadline.close();
  }
}

const options = (owner: string, clock: ManualClock, errors: unknown[]) => ({
  clock,
  timers: clock,
  leases: { owner, takeoverWithinMs: 2_000 },
  retention: { intervalMs: INTERVAL_MS, leaseTtlMs: LEASE_TTL_MS },
  onWorkerError: (error: unknown) => errors.push(error),
});

describe('the retention worker on SQLite', () => {
  const folder = mkdtempSync(join(tmpdir(), 'leadline-retention-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('two processes on one file: each lead past the policy erased once; a takeover when the holder stops renewing', async () => {
    const file = join(folder, 'shared.db');
    await twoProcessesEraseOnce((owner, clock, errors) =>
      openLeadline({ storeUrl: `sqlite:${file}`, ...options(owner, clock, errors) }),
    );
  }, 60_000);

  it('runs no round without a policy; a policy set while it runs starts the schedule', async () => {
    const clock = createManualClock(START);
    const leadline = await openLeadline({
      storeUrl: 'memory:',
      clock,
      timers: clock,
      retention: { intervalMs: INTERVAL_MS },
    });
    await leadline.workers.start();
    await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
    const lost = await loseLead(leadline, 'Kept Lost');
    await clock.advance(INTERVAL_MS);
    await leadline.workers.settled();
    expect(leadline.workers.retention?.holdsLease()).toBe(false);
    expect(await leadline.readModels?.leases.list(RETENTION_LEASE)).toEqual([]);
    await leadline.contacts.setRetentionPolicy({ lostLeadsAfterMonths: 1 }, { actor: admin });
    await leadline.workers.settled();
    expect(await erasuresOf(leadline, lost)).toEqual([]);
    await clock.advance(INTERVAL_MS);
    await leadline.workers.settled();
    expect(await erasuresOf(leadline, lost)).toEqual(['system:retention']);
    await leadline.close();
  });

  it('refuses bad options naming the field and the rule', async () => {
    expect(() => validateRetentionOptions({ intervalMs: 999 })).toThrow(
      expect.objectContaining({ field: 'retention.intervalMs', rule: 'range:1000-2147483647' }),
    );
    expect(() => validateRetentionOptions({ leaseTtlMs: 10.5 })).toThrow(
      expect.objectContaining({ field: 'retention.leaseTtlMs', rule: 'at-least-500' }),
    );
    await expect(openLeadline({ storeUrl: 'memory:', retention: { intervalMs: Number.NaN } })).rejects.toMatchObject({
      field: 'retention.intervalMs',
    });
  });
});

describeWithPostgres('the retention worker on PostgreSQL', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_retention' });

  it('two processes on one schema: each lead past the policy erased once; a takeover when the holder stops renewing', async () => {
    const url = new URL(postgres.url);
    url.searchParams.set('schema', `${postgres.schema}_two`);
    try {
      await twoProcessesEraseOnce((owner, clock, errors) =>
        openLeadline({ storeUrl: url.toString(), ...options(owner, clock, errors) }),
      );
    } finally {
      await postgres.pool.query(`DROP SCHEMA IF EXISTS "${postgres.schema}_two" CASCADE`);
    }
  }, 90_000);
});
