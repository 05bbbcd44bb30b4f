// `pnpm bench --workers`: projection catch-up on PostgreSQL by 1, 2, 4… leased worker processes. The
// events are loaded once; for each count, a fresh read-model schema, the workers started together, and
// the time until every projection's checkpoint reached the head. Workers split the projections (one
// lease each), so the speed-up is bounded by the cores and by the slowest projection.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from 'pg';
import { openPostgresEventStore, openPostgresReadModelStore } from '@leadline/postgres';
import { ALL_PROJECTORS } from '@leadline/projections';
import { generateSeededHistory, seededSteps } from '@leadline/projections/histories';
import { fill } from '../workloads/rebuild.js';
import { benchSchema, postgresBenchUrl } from '../workloads/scratch-stores.js';

/**
 * The default bound. A short one makes leases lapse when a loaded machine delays renewals, and the work
 * then changes hands for nothing; the timed run includes the one renewal period (2 s) workers wait on joining.
 */
const TAKEOVER_WITHIN_MS = 10_000;
const SEED = 2026;

export interface WorkerFigure {
  readonly workers: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Against one worker. */
  readonly speedUp: number;
  /** Projections each worker ended up owning. */
  readonly owned: readonly number[];
}

const workerScript = fileURLToPath(new URL('./projection-worker.js', import.meta.url));

function startWorker(args: readonly string[]): { child: ChildProcess; open: Promise<void>; owns: Promise<number> } {
  const child = spawn(process.execPath, [workerScript, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const seen = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = pattern.exec(output);
        if (match !== null) resolve(match);
      });
      child.once('exit', (code) => reject(new Error(`a bench worker exited (${String(code)})`)));
    });
  const owns = seen(/worker-owns (\S*)\n/).then((match) => (match[1] ?? '').split(',').filter(Boolean).length);
  owns.catch(() => undefined);
  return { child, open: seen(/worker-open/).then(() => undefined), owns };
}

export async function runWorkerBench(
  counts: readonly number[],
  events: number,
  report: (figure: WorkerFigure) => void,
): Promise<WorkerFigure[]> {
  const url = postgresBenchUrl();
  if (url === undefined) throw new Error('set LEADLINE_BENCH_POSTGRES_URL (or LEADLINE_TEST_POSTGRES_URL)');
  const pool = new Pool({ connectionString: url, max: 4 });
  const eventSchema = benchSchema();
  const eventStore = await openPostgresEventStore({ pool, schema: eventSchema });
  const figures: WorkerFigure[] = [];
  try {
    await fill(eventStore, generateSeededHistory(events, seededSteps(SEED)));
    const head = await eventStore.headPosition();
    for (const workers of counts) {
      const readModelSchema = benchSchema();
      const readModels = await openPostgresReadModelStore({ pool, schema: readModelSchema });
      const started = Array.from({ length: workers }, () =>
        startWorker([url, eventSchema, readModelSchema, String(TAKEOVER_WITHIN_MS)]),
      );
      try {
        await Promise.all(started.map((worker) => worker.open));
        const from = performance.now();
        for (const worker of started) worker.child.stdin?.write('go\n');
        for (;;) {
          const checkpoints = await Promise.all(ALL_PROJECTORS.map((projector) => readModels.checkpoint(projector)));
          if (checkpoints.every((checkpoint) => checkpoint !== null && checkpoint >= head)) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const seconds = (performance.now() - from) / 1000;
        const eventsPerSecond = Math.round(events / seconds);
        const single = figures[0]?.eventsPerSecond ?? eventsPerSecond;
        const figure: WorkerFigure = {
          workers,
          events,
          seconds: Math.round(seconds * 100) / 100,
          eventsPerSecond,
          speedUp: Math.round((eventsPerSecond / single) * 100) / 100,
          owned: await Promise.all(started.map((worker) => worker.owns)),
        };
        figures.push(figure);
        report(figure);
      } finally {
        for (const worker of started) worker.child.kill('SIGTERM');
        await Promise.all(started.map((worker) => new Promise((resolve) => worker.child.once('close', resolve))));
        await readModels.dispose();
        await pool.query(`DROP SCHEMA IF EXISTS "${readModelSchema}" CASCADE`);
      }
    }
  } finally {
    await eventStore.dispose();
    await pool.query(`DROP SCHEMA IF EXISTS "${eventSchema}" CASCADE`);
    await pool.end();
  }
  return figures;
}
