// Property-based fuzzing of every public command and query on the memory and SQLite stores: each call
// succeeds or fails with a typed error (never a TypeError or a bare Error); a failed call appends
// nothing; after any sequence every projection catches up (none wedged) and equals a rebuild.
// LEADLINE_FUZZ_RUNS sets the calls per store (default 300, ~10 s); LEADLINE_FUZZ_SEED replays a run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ClientId, LeadId, StageCategory, StageId, WorkflowId } from '@leadline/domain';
import { createMemoryEventStore, type EventStore, type RecordedEvent } from '@leadline/eventstore';
import { dumpReadModel, feed, prepareLive } from '@leadline/projections/testing';
import { openSqliteEventStore, openSqliteReadModelStore } from '@leadline/sqlite';
import fc from 'fast-check';
import { createLeadline, type Leadline } from '../leadline.js';
import { LEADLINE_PROJECTORS } from '../queries/queries.js';
import { createManualClock } from '../testing/manual-clock.js';
import { ADMIN, OPERATIONS, type Operation } from './operations.js';

const CALLS_PER_RUN = 10;
const CALLS = Number(process.env['LEADLINE_FUZZ_RUNS'] ?? 300);
const SEED = process.env['LEADLINE_FUZZ_SEED'] === undefined ? undefined : Number(process.env['LEADLINE_FUZZ_SEED']);
const folder = mkdtempSync(join(tmpdir(), 'leadline-fuzz-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let files = 0;
const STORES: Readonly<Record<string, () => EventStore>> = {
  memory: () => createMemoryEventStore(),
  sqlite: () => openSqliteEventStore({ file: join(folder, `fuzz-${++files}.db`), durability: 'normal' }),
};

/** An organisation with a second workflow and four leads: two in the pool, one owned, one owned by the rep. */
async function world(store: EventStore): Promise<Leadline> {
  const clock = createManualClock(new Date('2026-01-05T09:00:00Z'));
  const leadline = createLeadline({
    store,
    readModels: openSqliteReadModelStore({ file: ':memory:' }),
    clock,
    onWorkerError: () => undefined,
  });
  await leadline.organisations.create({ name: 'Fuzz' }, { actor: ADMIN });
  await leadline.workflows.create(
    {
      workflowId: WorkflowId('wf-fuzz'),
      name: 'Partners',
      stages: [
        { stageId: StageId('NOT_CONTACTED'), name: 'New', category: StageCategory.Open },
        { stageId: StageId('CONTACTED'), name: 'Talking', category: StageCategory.Open },
        { stageId: StageId('CONVERTED'), name: 'Signed', category: StageCategory.Won },
        { stageId: StageId('LOST'), name: 'Lost', category: StageCategory.Lost },
      ],
    },
    { actor: ADMIN },
  );
  for (const [index, owner] of [null, null, 'ada-admin', 'rob-rep'].entries()) {
    await leadline.leads.create(
      {
        leadId: LeadId(`l-${index + 1}`),
        fields: { name: `Lead ${index + 1}`, email: `lead${index + 1}@example.com`, source: 'Website' },
        ...(owner === null ? {} : { ownerId: owner as never }),
      },
      { actor: ADMIN },
    );
  }
  // A client to merge into and link to (client-2 stays unknown: those are refused).
  await leadline.clients.create({ clientId: ClientId('client-1'), details: { name: 'Client One' } }, { actor: ADMIN });
  // The read models exist from the start, so queries read them (and later calls' events are projected after).
  await leadline.workers.projections?.catchUp();
  return leadline;
}

/** A typed error: one of the library's error families, with a stable upper-case code. */
const isTyped = (error: unknown): boolean =>
  error instanceof Error &&
  !(error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) &&
  typeof Reflect.get(error, 'code') === 'string' &&
  /^[A-Z][A-Z_]+$/.test(String(Reflect.get(error, 'code')));

async function events(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of store.readAll()) all.push(event);
  return all;
}

/** How the calls ended, by outcome (`ok` or the error code), for the summary line. */
const outcomes = new Map<string, number>();
const count = (outcome: string): void => void outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

/** Runs the calls, checking each; then every projection must catch up and equal a rebuild. */
async function check(open: () => EventStore, calls: readonly Operation[]): Promise<void> {
  const store = open();
  const leadline = await world(store);
  try {
    for (const call of calls) {
      const head = await store.headPosition();
      const failure = await call.run(leadline).then(
        () => null,
        (error: unknown) => error ?? new Error('rejected with nothing'),
      );
      count(failure === null ? 'ok' : String(Reflect.get(Object(failure), 'code') ?? 'untyped'));
      if (failure === null) continue;
      if (!isTyped(failure))
        throw new Error(
          `${call.name}: untyped ${failure instanceof Error ? `${failure.name}: ${failure.message}` : typeof failure}`,
          { cause: failure },
        );
      const after = await store.headPosition();
      if (after !== head)
        throw new Error(
          `${call.name}: refused with ${String(Reflect.get(failure, 'code'))} but appended ${after - head} event(s)`,
        );
    }
    const runner = leadline.workers.projections;
    if (runner === null) throw new Error('no projections runner');
    await runner.catchUp();
    const recorded = await events(store);
    expect(runner.position()).toBe(recorded.at(-1)?.position ?? 0n);
    const rebuilt = openSqliteReadModelStore({ file: ':memory:' });
    try {
      await prepareLive(rebuilt, LEADLINE_PROJECTORS);
      await feed(rebuilt, LEADLINE_PROJECTORS, recorded);
      for (const projector of LEADLINE_PROJECTORS) {
        const live = leadline.readModels;
        if (live === null) throw new Error('no read models');
        expect(await dumpReadModel(live, projector)).toEqual(await dumpReadModel(rebuilt, projector));
      }
    } finally {
      await rebuilt.dispose();
    }
  } finally {
    await leadline.close();
  }
}

describe.each(Object.keys(STORES))('fuzzing the facade (%s)', (name) => {
  it(`answers ${CALLS} arbitrary calls with a result or a typed error, writes nothing on refusal, never wedges a projection`, async () => {
    const open = STORES[name];
    if (open === undefined) throw new Error(name);
    const started = Date.now();
    outcomes.clear();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(...OPERATIONS), { minLength: CALLS_PER_RUN, maxLength: CALLS_PER_RUN }),
        (calls) => check(open, calls),
      ),
      {
        numRuns: Math.max(1, Math.ceil(CALLS / CALLS_PER_RUN)),
        ...(SEED === undefined ? {} : { seed: SEED }),
        verbose: fc.VerbosityLevel.Verbose,
      },
    );
    // The time a run took, for docs/security.md (not asserted: speed is measured by benchmarks).
    const summary = [...outcomes].sort((a, b) => b[1] - a[1]).map(([outcome, n]) => `${outcome} ${n}`);
    process.stdout.write(`fuzz ${name}: ${CALLS} calls in ${Date.now() - started} ms (${summary.join(', ')})\n`);
  }, 600_000);
});
