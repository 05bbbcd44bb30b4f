import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadWorkloadFiles } from './discover.js';
import { registeredWorkloads, registerWorkload, type Workload } from './registry.js';
import { resultTable, writeResults } from './results.js';
import { runWorkload, runWorkloads } from './run-workloads.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-bench-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const quick = { beforePass: () => undefined };
const trial = (events: number) =>
  Promise.resolve({ run: () => Promise.resolve(events), close: () => Promise.resolve() });

describe('the bench harness', () => {
  it('finds the memory workloads by loading the workload files', async () => {
    await loadWorkloadFiles();
    expect(registeredWorkloads('').map((workload) => workload.name)).toEqual(
      expect.arrayContaining(['append.memory', 'load.memory', 'readAll.memory']),
    );
    expect(registeredWorkloads('load.').map((workload) => workload.name)).toEqual(
      expect.arrayContaining(['load.memory']),
    );
  });

  it('runs the memory workloads on a small plan and writes the result file in its documented shape', async () => {
    await loadWorkloadFiles();
    const ours = ['append.memory', 'load.memory', 'readAll.memory'];
    const { results } = await runWorkloads(
      registeredWorkloads('').filter((workload) => ours.includes(workload.name)),
      { events: 200 },
      undefined,
      quick,
    );
    expect(results.map((result) => [result.name, result.store, result.events])).toEqual([
      ['append.memory', 'memory', 200],
      ['load.memory', 'memory', 200],
      ['readAll.memory', 'memory', 200],
    ]);
    const file = join(folder, 'bench', 'results', 'latest.json');
    writeResults(file, results);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { workloads: Record<string, unknown>[] };
    for (const row of written.workloads) {
      expect(Object.keys(row)).toEqual([
        'name',
        'store',
        'events',
        'seconds',
        'eventsPerSecond',
        'ceilingEventsPerSecond',
        'ratioToCeiling',
      ]);
      expect(row['ratioToCeiling']).toBeCloseTo(
        (row['eventsPerSecond'] as number) / (row['ceilingEventsPerSecond'] as number),
        1,
      );
    }
    expect(resultTable(results, [{ name: 'append.elsewhere', reason: 'no server' }])).toContain('skipped: no server');
  });

  it('refuses a ceiling that did different work from the subject', async () => {
    const unequal: Workload = {
      name: 'unequal.test',
      store: 'test',
      subject: () => trial(10),
      ceiling: () => trial(9),
      repetitions: 1,
    };
    await expect(runWorkload(unequal, { events: 10 }, quick)).rejects.toThrow('must do the same work');
  });

  it('skips a workload that says it cannot run here, with its reason', async () => {
    const absent: Workload = {
      name: 'absent.test',
      store: 'test',
      subject: () => trial(1),
      ceiling: () => trial(1),
      unavailable: () => 'set SOME_URL to run it',
    };
    expect(await runWorkloads([absent], { events: 10 }, undefined, quick)).toEqual({
      results: [],
      skipped: [{ name: 'absent.test', reason: 'set SOME_URL to run it' }],
    });
  });

  it('refuses a workload named against its store, or twice', () => {
    const named = (name: string): Workload => ({ name, store: 'x', subject: () => trial(1), ceiling: () => trial(1) });
    expect(() => registerWorkload(named('append.y'))).toThrow('must be named <family>.x');
    registerWorkload(named('twice.x'));
    expect(() => registerWorkload(named('twice.x'))).toThrow('already registered');
  });
});
