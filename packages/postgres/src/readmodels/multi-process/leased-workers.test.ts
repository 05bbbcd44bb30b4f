// Three projection worker processes share one PostgreSQL read model through leases. Each round one of
// them is killed with SIGKILL inside a batch's transaction; the others take its projections over. In
// the end every event was applied exactly once (an apply counter proves it: no gaps, no doubles), the
// read models equal a clean rebuild, and after each kill the lag came back to zero within the bound.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { ALL_PROJECTORS, createProjectionRunner, type ReadModelStore } from '@leadline/projections';
import { appendHistory, dumpReadModel, generateSeededHistory, seededSteps } from '@leadline/projections/testing';
import { applyCountingProjector, eventAppliesTable, STALLED_MARKER } from '@leadline/projections/histories';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { openPostgresEventStore } from '../../eventstore/index.js';
import { describeWithPostgres, usePostgresTestSchema, uniqueSchemaName } from '../../testing/index.js';
import { openPostgresReadModelStore } from '../postgres-read-model-store.js';

const TAKEOVER_WITHIN_MS = 3000;
/** A loaded 2-core machine may be slow to notice and to catch up: the bound plus this is accepted. */
const SLACK_MS = 12_000;
const FIRST_EVENTS = 600;
const EVENTS_PER_ROUND = 200;
const ROUNDS = 3;
const PROJECTORS = [...ALL_PROJECTORS, applyCountingProjector];

interface Worker {
  readonly process: ChildProcess;
  /** Its owner name in the lease table, once ready. */
  owner: string;
  /** Resolves with the position it stalled at (workers told to stall). */
  readonly stalled: Promise<bigint>;
  readonly ready: Promise<void>;
}

const running: Worker[] = [];
afterAll(() => {
  for (const worker of running) worker.process.kill('SIGKILL');
});

function startWorker(args: readonly string[], stallAt: bigint): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@leadline/source', join(__dirname, 'leased-worker.ts'), ...args, String(stallAt)],
    { cwd: join(__dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const seen = (pattern: RegExp): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const look = (): void => {
        const match = pattern.exec(output);
        if (match !== null) resolve(match);
      };
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        look();
      });
      child.once('exit', (code) => reject(new Error(`worker exited (${String(code)}): ${errors}`)));
    });
  const worker: Worker = {
    process: child,
    owner: '',
    ready: seen(/worker-ready (\S+)/).then((match) => {
      worker.owner = match[1] ?? '';
    }),
    stalled: seen(new RegExp(`${STALLED_MARKER} (\\d+)`)).then((match) => BigInt(match[1] ?? '0')),
  };
  worker.stalled.catch(() => undefined);
  running.push(worker);
  return worker;
}

const killed = (worker: Worker): Promise<void> =>
  new Promise((resolve) => {
    worker.process.once('close', () => resolve());
    worker.process.kill('SIGKILL');
  });

async function owns(store: ReadModelStore, worker: Worker): Promise<boolean> {
  await worker.ready;
  return (await store.leases.list('projection:')).some((lease) => lease.held && lease.owner === worker.owner);
}

async function lowestCheckpoint(store: ReadModelStore): Promise<bigint> {
  const checkpoints = await Promise.all(PROJECTORS.map(async (projector) => (await store.checkpoint(projector)) ?? 0n));
  return checkpoints.reduce((lowest, checkpoint) => (checkpoint < lowest ? checkpoint : lowest));
}

async function caughtUp(store: ReadModelStore, head: bigint, withinMs: number): Promise<number> {
  const started = Date.now();
  while ((await lowestCheckpoint(store)) < head) {
    if (Date.now() - started > withinMs) throw new Error(`lag not back to zero within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

describeWithPostgres('three leased projection workers on PostgreSQL, one killed each round', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_leases_events' });
  const readModelSchema = uniqueSchemaName('leadline_leases_rm');

  it('apply every event exactly once, equal a clean rebuild, and recover within the bound', async () => {
    const eventStore = await openPostgresEventStore({ pool: postgres.pool, schema: postgres.schema });
    const history = generateSeededHistory(FIRST_EVENTS + ROUNDS * EVENTS_PER_ROUND, seededSteps(29));
    await appendHistory(eventStore, history.slice(0, FIRST_EVENTS));
    const store = await openPostgresReadModelStore({ pool: postgres.pool, schema: readModelSchema });
    const args = [postgres.url, postgres.schema, readModelSchema, String(TAKEOVER_WITHIN_MS)];
    const recoveries: number[] = [];

    let victim = startWorker(args, BigInt(FIRST_EVENTS + 1));
    const others = [startWorker(args, 0n), startWorker(args, 0n)];
    await Promise.all([victim.ready, ...others.map((worker) => worker.ready)]);
    await caughtUp(store, BigInt(FIRST_EVENTS), 60_000);

    for (let round = 0; round < ROUNDS; round += 1) {
      // Wait until the victim holds projections of its own, or killing it takes nothing over.
      for (let waited = 0; !(await owns(store, victim)); waited += 100) {
        if (waited > 60_000) throw new Error(`round ${round}: the victim took no projection within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const from = FIRST_EVENTS + round * EVENTS_PER_ROUND;
      // The next victim starts meanwhile (a process takes seconds to start): it stalls in the next round.
      const next = startWorker(args, BigInt(from + EVENTS_PER_ROUND + 1));
      await appendHistory(eventStore, history.slice(from, from + EVENTS_PER_ROUND));
      const stalledAt = await victim.stalled;
      await killed(victim);
      const head = await eventStore.headPosition();
      expect(stalledAt).toBeLessThanOrEqual(head);
      recoveries.push(await caughtUp(store, head, TAKEOVER_WITHIN_MS + SLACK_MS));
      others.push(victim);
      victim = next;
      await victim.ready;
    }

    for (const worker of [victim, ...others]) if (worker.process.exitCode === null) worker.process.kill('SIGTERM');
    const counts = await store.select({ name: applyCountingProjector.name }, eventAppliesTable.name);
    expect(counts.filter((row) => row['applies'] !== 1)).toEqual([]);
    expect(counts.map((row) => row['event_id']).sort()).toEqual(history.map((event) => event.eventId).sort());

    const clean = openSqliteReadModelStore({ file: ':memory:' });
    await createProjectionRunner({ eventStore, store: clean, projectors: ALL_PROJECTORS }).catchUp();
    for (const projector of ALL_PROJECTORS)
      expect(await dumpReadModel(store, projector)).toEqual(await dumpReadModel(clean, projector));
    process.stdout.write(`takeover and catch-up after each kill (ms): ${recoveries.join(', ')}\n`);
    expect(recoveries.every((ms) => ms < TAKEOVER_WITHIN_MS + SLACK_MS)).toBe(true);

    await Promise.all([clean.dispose(), store.dispose(), eventStore.dispose()]);
    await postgres.pool.query(`DROP SCHEMA IF EXISTS "${readModelSchema}" CASCADE`);
  }, 240_000);
});
