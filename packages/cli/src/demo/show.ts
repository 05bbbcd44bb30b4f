// The demo's closing screens.
import type { Session } from '../session/session';
import { renderPairs } from '../output/table';
import type { SimulationResult } from './simulation/simulate';
import type { EventLogSummary } from './summary';

export interface DemoOutcome {
  readonly seed: number;
  readonly storeUrl: string;
  readonly simulation: SimulationResult;
  readonly log: EventLogSummary;
  readonly elapsedMs: number;
}

export async function showDemo(session: Session, outcome: DemoOutcome): Promise<void> {
  const { seed, simulation, log } = outcome;
  const summary = { seed, simulated: { from: simulation.from, to: simulation.to, workingDays: simulation.days }, digest: log.digest, tallies: log.tallies, claimRaces: simulation.claimRaces };
  session.print(summary, () => [
    `Northwind Trading, ${simulation.days} working days from ${simulation.from.slice(0, 10)} (seed ${seed}), ${Math.round(outcome.elapsedMs)} ms`,
    renderPairs(Object.entries(log.tallies)),
  ].join('\n'));
}
