// `leadline demo`: a realistic organisation worked through simulated weeks on a fresh store, then the
// pipeline board, source analytics, the funnel, a work queue and a journey, and what to try next.
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { createManualClock } from 'leadline/testing';
import { parsePositiveInteger } from '../cli/parse.js';
import { globalOptionsOf, type Registrar } from '../cli/program.js';
import { openSession } from '../session/session.js';
import { DEMO_START } from './cast.js';
import { prepareFreshStore } from './fresh-store.js';
import { seededRandom } from './random.js';
import { showDemo } from './show.js';
import { simulate } from './simulation/simulate.js';
import { summariseEventLog } from './summary.js';

/** The demo's leads, in the package's data/ folder (the same two levels up from src/demo and dist/demo). */
export const DEMO_CSV = fileURLToPath(new URL('../../data/leads.csv', import.meta.url));
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
        // Sealing draws a random IV per value, and the journey hashes what is stored: the same seed could
        // not give the same digest. The demo's people are made up; docs/privacy.md says so.
        sealPersonalData: false,
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
