import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeadId } from '@leadline/domain';
import { openSqliteEventStore, openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../leadline.js';
import { createManualClock } from '../testing/manual-clock.js';
import { ACME, admin, as, manager, rep1, expectedWorkerErrors } from './actors.js';
import { CONTENDED_RETRY, runConcurrentCallers } from './concurrency.js';
import { runWorkingDay } from './working-day.js';

describe('Leadline on the SQLite event store', () => {
  let folder: string;
  let opened: Leadline[];
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'leadline-e2e-'));
    opened = [];
  });
  afterEach(async () => {
    for (const leadline of opened) await leadline.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const open = (clock = createManualClock()): Leadline => {
    const leadline = createLeadline({
      store: openSqliteEventStore({ file: join(folder, 'leadline.db'), durability: 'normal' }),
      readModels: openSqliteReadModelStore({ file: join(folder, 'leadline.db') }),
      clock,
      timers: clock,
      retry: CONTENDED_RETRY,
      onWorkerError: expectedWorkerErrors,
    });
    opened.push(leadline);
    return leadline;
  };

  it('works through a scripted working day', async () => {
    const clock = createManualClock();
    await runWorkingDay(open(clock), clock);
  });

  it('lets several async callers work on one lead at once', async () => {
    await runConcurrentCallers([open(), open(), open()]);
  });

  it('returns the first outcome for a retried idempotency key after the store is reopened, writing nothing', async () => {
    const leadId = LeadId('from-form');
    const firstRun = open();
    const setup = await firstRun.organisations.create(
      { orgId: ACME, name: 'Acme' },
      { actor: admin, idempotencyKey: 'setup-1' },
    );
    const created = await firstRun.leads.create(
      { fields: { name: 'Form Lead', email: 'form@example.com', source: 'Website' } },
      as(manager, { idempotencyKey: 'form-42' }),
    );
    const claimed = await firstRun.leads.claim(
      { leadId: created.leadId },
      as(rep1, { idempotencyKey: 'claim-click-7' }),
    );
    const headAfterFirstRun = await firstRun.store.headPosition();
    await firstRun.close();

    const secondRun = open();
    const setupAgain = await secondRun.organisations.create(
      { orgId: ACME, name: 'Acme' },
      { actor: admin, idempotencyKey: 'setup-1' },
    );
    const createdAgain = await secondRun.leads.create(
      { fields: { name: 'Form Lead', email: 'form@example.com', source: 'Website' } },
      as(manager, { idempotencyKey: 'form-42' }),
    );
    const claimedAgain = await secondRun.leads.claim(
      { leadId: created.leadId },
      as(rep1, { idempotencyKey: 'claim-click-7' }),
    );

    expect(setupAgain).toMatchObject({
      orgId: setup.orgId,
      defaultWorkflowId: setup.defaultWorkflowId,
      replayed: true,
    });
    expect(createdAgain).toMatchObject({ leadId: created.leadId, replayed: true, revision: 0n });
    expect(claimedAgain).toMatchObject({ replayed: true, revision: 1n });
    expect(createdAgain.events.map((event) => event.eventId)).toEqual(created.events.map((event) => event.eventId));
    expect(claimedAgain.events).toEqual(claimed.events);
    expect(created.leadId).not.toBe(leadId);
    const types: string[] = [];
    for await (const event of secondRun.store.readStream(`lead-${created.leadId}`)) types.push(event.type);
    expect(types).toEqual(['LeadCreated', 'LeadClaimed']);
    expect(await secondRun.store.headPosition()).toBe(headAfterFirstRun);
  });
});
