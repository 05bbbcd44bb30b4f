// The demo's closing screens: what happened, then the board, sources, funnel, a work queue and a
// journey, each exactly what the matching command prints, then the commands to explore further.
import { loadFunnel, renderFunnel } from '../commands/queries/funnel.js';
import { loadJourney, renderJourney } from '../commands/queries/journey.js';
import { loadPipeline, renderPipeline } from '../commands/queries/pipeline.js';
import { loadQueue, renderQueue } from '../commands/queries/queue.js';
import { loadSources, renderSources } from '../commands/queries/sources.js';
import { renderPairs } from '../output/table.js';
import type { Session } from '../session/session.js';
import { PEOPLE } from './cast.js';
import type { SimulationResult } from './simulation/simulate.js';
import type { EventLogSummary } from './summary.js';

export interface DemoOutcome {
  readonly seed: number;
  readonly storeUrl: string;
  readonly simulation: SimulationResult;
  readonly log: EventLogSummary;
  readonly elapsedMs: number;
}

const SHOWN_REP = 'ana';

export async function showDemo(session: Session, outcome: DemoOutcome): Promise<void> {
  const { seed, simulation, log } = outcome;
  const pipeline = await loadPipeline(session, { leads: 3 });
  const sources = await loadSources(session, { by: 'month' });
  const funnel = await loadFunnel(session, {});
  const queue = await loadQueue(session, { owner: SHOWN_REP, limit: 8 });
  const journey = log.showcaseLeadId === null ? null : await loadJourney(session, log.showcaseLeadId);
  const store = outcome.storeUrl === 'sqlite:./leadline.db' ? '' : ` --store ${outcome.storeUrl}`;
  const explore = [
    `leadline pipeline${store} --as-of 2026-02-20`,
    `leadline sources${store} --by week`,
    `leadline funnel${store} --workflow partnerships`,
    `leadline queue${store} --owner ben`,
    `leadline search${store} müller`,
    ...(log.showcaseLeadId === null ? [] : [`leadline audit${store} ${log.showcaseLeadId} --verify`]),
    `leadline export${store} leads --format csv --out leads.csv`,
    `leadline sql${store} "SELECT source, count(*) AS leads, sum(estimated_value_minor) / 100 AS value FROM leads GROUP BY source ORDER BY leads DESC, source"`,
    `leadline --help`,
  ];
  const summary = {
    seed,
    simulated: { from: simulation.from, to: simulation.to, workingDays: simulation.days },
    digest: log.digest,
    tallies: { ...log.tallies, claimRaces: simulation.claimRaces },
    showcaseLeadId: log.showcaseLeadId,
    pipeline,
    sources,
    funnel,
    queue,
    journey,
    explore,
  };
  session.print(summary, () =>
    [
      `Northwind Trading: ${simulation.days} working days from ${simulation.from.slice(0, 10)} to ${simulation.to.slice(0, 10)}, seed ${seed} (${(outcome.elapsedMs / 1000).toFixed(1)} s)`,
      `People: ${Object.values(PEOPLE).join(', ')}`,
      renderPairs(
        Object.entries(summary.tallies).map(([name, value]) => [name.replace(/([A-Z])/g, ' $1').toLowerCase(), value]),
      ),
      '',
      renderPipeline(pipeline),
      '',
      renderSources(sources),
      '',
      renderFunnel(funnel),
      '',
      renderQueue(queue),
      '',
      journey === null ? '(no lead converted with this seed)' : renderJourney(journey),
      '',
      `Event log digest ${log.digest.slice(0, 16)}… (the same seed gives the same digest)`,
      'Explore further:',
      ...explore.map((line) => `  ${line}`),
    ].join('\n'),
  );
}
