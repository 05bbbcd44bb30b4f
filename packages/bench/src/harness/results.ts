// The result file (bench/results/latest.json) and the table printed to the terminal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Table from 'cli-table3';
import type { SkippedWorkload, WorkloadResult } from './run-workloads.js';

export interface BenchResults {
  readonly workloads: readonly WorkloadResult[];
}

export function writeResults(path: string, workloads: readonly WorkloadResult[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const results: BenchResults = { workloads };
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}

export function resultTable(workloads: readonly WorkloadResult[], skipped: readonly SkippedWorkload[]): string {
  const table = new Table({
    head: ['workload', 'store', 'events', 'seconds', 'events/s', 'ceiling events/s', 'ratio to ceiling'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
  });
  const count = (value: number) => value.toLocaleString('en-US');
  for (const row of workloads) {
    table.push([
      row.name,
      row.store,
      count(row.events),
      row.seconds.toFixed(3),
      count(row.eventsPerSecond),
      count(row.ceilingEventsPerSecond),
      row.ratioToCeiling.toFixed(2),
    ]);
  }
  for (const { name, reason } of skipped) table.push([name, { colSpan: 6, content: `skipped: ${reason}` }]);
  return table.toString();
}
