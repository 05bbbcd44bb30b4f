// `leadline demo`: a realistic organisation worked through simulated weeks on a fresh store, then the
// pipeline board, source analytics, the funnel, a work queue and a journey, and what to try next.
import { join } from 'node:path';
import { Option } from 'commander';
import { createManualClock } from 'leadline/testing';
import { parsePositiveInteger } from '../cli/parse';
import { globalOptionsOf, type Registrar } from '../cli/program';
import { openSession } from '../session/session';
import { DEMO_START } from './cast';
import { prepareFreshStore } from './fresh-store';
import { seededRandom } from './random';
import { showDemo } from './show';
import { simulate } from './simulation/simulate';
import { summariseEventLog } from './summary';

export const DEMO_CSV = join(__dirname, 'data', 'leads.csv');
export const DEFAULT_SEED = 7;

export const registerDemoCommand: Registrar = (program, io) => {
  program
    .command('demo')
    .description('simulate weeks of a sales team on a fresh store, then show what Leadline sees')
    .addOption(
      new Option('--seed <n>', 'seed of the simulation: the same seed gives the same weeks').default(
        String(DEFAULT_SEED),
      ),
    )
    .action(async (_options: unknown, command: import('commander').Command) => {
      const globals = globalOptionsOf(command);
      const seed = parsePositiveInteger(command.opts<{ seed: string }>().seed, '--seed');
      await prepareFreshStore(globals.store);
      const started = performance.now();
      const clock = createManualClock(DEMO_START);
      const ids = seededRandom(seed * 7919 + 1);
      const jitter = seededRandom(seed * 104729 + 2);
      const session = await openSession({ ...globals, org: 'northwind' }, io, {
        clock,
        timers: clock,
        ids: { newId: () => ids.uuid() },
        random: { next: () => jitter.next() },
        sqliteDurability: 'normal',
      });
      try {
        const days = session.progress('simulating', 30, 'days');
        const result = await simulate({
          leadline: session.leadline,
          clock,
          random: seededRandom(seed),
          csvFile: DEMO_CSV,
          onDay: (day, total) => days.update(day, total),
        });
        days.stop();
        await session.catchUp();
        const log = await summariseEventLog(session.leadline.store);
        await showDemo(session, {
          seed,
          storeUrl: globals.store,
          simulation: result,
          log,
          elapsedMs: performance.now() - started,
        });
      } finally {
        await session.close();
      }
    });
};
