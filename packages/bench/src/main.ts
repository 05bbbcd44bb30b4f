// `pnpm bench`: runs the registered workloads, prints a table and writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { loadWorkloadFiles } from './harness/discover.js';
import { registeredWorkloads } from './harness/registry.js';
import { resultTable, writeResults } from './harness/results.js';
import { runWorkloads } from './harness/run-workloads.js';
import type { QueryScope, QuerySeeder } from './queries/run-queries.js';
import {
  QUERY_SCOPES,
  QUERY_SEEDERS,
  queryFigureLines,
  queryGrowthLines,
  runQueryBench,
} from './queries/run-queries.js';
import { runWorkerBench } from './workers/run-workers.js';

const resultsFile = fileURLToPath(new URL('../../../bench/results/latest.json', import.meta.url));
const workerResultsFile = fileURLToPath(new URL('../../../bench/results/workers.json', import.meta.url));
const queryResultsFile = fileURLToPath(new URL('../../../bench/results/queries.json', import.meta.url));

function workerCount(value: string): number {
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 1 || count > 16)
    throw new InvalidArgumentError('worker counts must be whole numbers from 1 to 16.');
  return count;
}

function querySeeder(value: string): QuerySeeder {
  const found = QUERY_SEEDERS.find((seeder) => seeder === value);
  if (found === undefined) throw new InvalidArgumentError(`must be one of ${QUERY_SEEDERS.join(', ')}.`);
  return found;
}

function queryScope(value: string): QueryScope {
  const found = QUERY_SCOPES.find((scope) => scope === value);
  if (found === undefined) throw new InvalidArgumentError(`must be one of ${QUERY_SCOPES.join(', ')}.`);
  return found;
}

function eventCount(value: string): number {
  const events = Number(value);
  if (!Number.isSafeInteger(events) || events <= 0 || events % 10 !== 0)
    throw new InvalidArgumentError('must be a positive multiple of 10 (10 events per stream).');
  return events;
}

async function main(): Promise<void> {
  const program = new Command()
    .name('pnpm bench')
    .description('Runs the Leadline benchmark workloads against their raw ceilings.')
    .option(
      '--only <prefix>',
      'run only the workloads whose name starts with this (e.g. append. or readAll.memory)',
      '',
    )
    .option('--events <n>', 'events per workload', eventCount, 100_000)
    .option(
      '--queries [leads]',
      'instead: the read-side queries at organisations of these sizes (comma-separated; 1000000 for a million)',
    )
    .option(
      '--workers [counts]',
      'instead: projection catch-up on PostgreSQL by this many leased worker processes (1,2,4)',
    )
    .option('--worker-events <n>', 'events the --workers catch-up projects', eventCount, 20_000)
    .option('--stores <names>', 'with --queries: only these stores (comma-separated: sqlite, memory, postgres)', '')
    .option(
      '--seeder <kind>',
      'with --queries: scale (a few events per lead, five-stage pipeline) or generated (random histories, ~14 events per lead)',
      querySeeder,
      'scale' satisfies QuerySeeder,
    )
    .option(
      '--read-models <scope>',
      'with --queries: all (every read model and hot query), board (only the board and claims read models and their queries) or search (the board and search read models, the search queries): cheaper rebuilds',
      queryScope,
      'all' satisfies QueryScope,
    )
    .option(
      '--rebuild-only',
      'with --queries: time the rebuilds only (every event into empty tables, then a rebuild beside them), no queries',
      false,
    )
    .option(
      '--per-read-model',
      'with --queries: also catch each read model up alone into a fresh store and time it (wall and process CPU)',
      false,
    )
    .parse();
  const { only, events, queries, workers, workerEvents, stores, seeder, readModels, rebuildOnly, perReadModel } =
    program.opts<{
      only: string;
      events: number;
      queries?: string | true;
      workers?: string | true;
      workerEvents: number;
      stores: string;
      seeder: QuerySeeder;
      readModels: QueryScope;
      rebuildOnly: boolean;
      perReadModel: boolean;
    }>();
  if (workers !== undefined) {
    const counts = (workers === true ? '1,2,4' : workers).split(',').map((count) => workerCount(count.trim()));
    const figures = await runWorkerBench(counts, workerEvents, (figure) =>
      process.stdout.write(
        `${figure.workers} worker(s): ${figure.events} events in ${figure.seconds} s, ${figure.eventsPerSecond.toLocaleString('en-US')} events/s, ×${figure.speedUp}, projections owned ${figure.owned.join('/')}\n`,
      ),
    );
    mkdirSync(dirname(workerResultsFile), { recursive: true });
    writeFileSync(workerResultsFile, `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`Wrote ${workerResultsFile}\n`);
    return;
  }
  if (queries !== undefined) {
    const sizes = (queries === true ? '10000,100000' : queries).split(',').map((size) => eventCount(size.trim()));
    const storeNames = stores
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const figures = await runQueryBench(
      sizes,
      (store) => process.stdout.write(`${queryFigureLines(store)}\n`),
      storeNames,
      seeder,
      readModels,
      rebuildOnly,
      perReadModel,
    );
    const growth = queryGrowthLines(figures);
    if (growth !== '') process.stdout.write(`Cost growth with the organisation's size:\n${growth}\n`);
    mkdirSync(dirname(queryResultsFile), { recursive: true });
    writeFileSync(queryResultsFile, `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`Wrote ${queryResultsFile}\n`);
    return;
  }

  await loadWorkloadFiles();
  const workloads = registeredWorkloads(only);
  if (workloads.length === 0) throw new Error(`No workload name starts with "${only}".`);
  const { results, skipped } = await runWorkloads(workloads, { events }, (result) => {
    process.stdout.write(
      `${result.name}: ${result.eventsPerSecond.toLocaleString('en-US')} events/s, ${result.ratioToCeiling} of the ceiling\n`,
    );
  });
  writeResults(resultsFile, results);
  process.stdout.write(`${resultTable(results, skipped)}\nWrote ${resultsFile}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
