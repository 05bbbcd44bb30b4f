// The main job: `leadline demo` runs on fresh SQLite files and is deterministic for a seed — two runs
// print the same --json summary (the event log's digest included).
import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { jsonOf, runCliInProcess, runCliProcess, scratchDirectory } from '../test-support/spawn-cli.js';

const scratch = scratchDirectory('demo');
afterAll(() => scratch.remove());

interface DemoSummary {
  readonly seed: number;
  readonly digest: string;
  readonly tallies: Record<string, number>;
  readonly showcaseLeadId: string;
  readonly pipeline: { readonly count: number };
  readonly explore: readonly string[];
}

describe('leadline demo', () => {
  it('works through the weeks and gives the same summary for the same seed, another for another seed', async () => {
    const [first, second, other] = await Promise.all([
      runCliProcess(['demo', '--seed', '11', '--store', 'sqlite:first.db', '--json'], { cwd: scratch.path }),
      runCliProcess(['demo', '--seed', '11', '--store', 'sqlite:second.db', '--json'], { cwd: scratch.path }),
      runCliProcess(['demo', '--seed', '12', '--store', 'memory:', '--json'], { cwd: scratch.path }),
    ]);
    expect(first.code).toBe(0);
    const summary = jsonOf<DemoSummary>(first);
    // The suggested commands name each run's own store; everything else must match.
    const withoutStore = (run: DemoSummary): DemoSummary => ({ ...run, explore: [] });
    expect(withoutStore(jsonOf<DemoSummary>(second))).toEqual(withoutStore(summary));
    expect(jsonOf<DemoSummary>(other).digest).not.toBe(summary.digest);

    // Everything the issue promises happened.
    const { tallies } = summary;
    expect(tallies['leadsCreated']).toBe(320);
    for (const key of [
      'duplicatesMerged',
      'callsLogged',
      'callsScheduled',
      'claimsTaken',
      'claimsLapsed',
      'lapsedLeadsReclaimed',
      'ownershipTaken',
      'converted',
      'lost',
      'reopened',
    ]) {
      expect(tallies[key]).toBeGreaterThan(0);
    }
    expect(summary.pipeline.count).toBeGreaterThan(200);

    // The store it leaves is explorable, and the demo replaces its own earlier run but nothing else.
    const at = (file: string): string => `sqlite:${join(scratch.path, file)}`;
    const journey = await runCliInProcess(
      ['audit', summary.showcaseLeadId, '--verify', '--store', at('first.db')],
      scratch.path,
    );
    expect(journey.code).toBe(0);
    expect(journey.stdout).toContain('every link intact');
    // The suggested analyst SQL counts live leads only: created less those merged into another.
    const suggested = summary.explore.find((command) => command.startsWith('leadline sql'));
    const select = suggested?.slice(suggested.indexOf('"') + 1, suggested.lastIndexOf('"')) ?? '';
    const bySource = await runCliInProcess(['sql', select, '--json', '--store', at('first.db')], scratch.path);
    expect(bySource.code).toBe(0);
    const live = jsonOf<{ leads: number }[]>(bySource).reduce((sum, row) => sum + row.leads, 0);
    expect(live).toBe((tallies['leadsCreated'] ?? 0) - (tallies['duplicatesMerged'] ?? 0));
    const created = await runCliInProcess(
      ['lead', 'create', '--name', 'Not a demo', '--email', 'x@example.com', '--store', at('mine.db')],
      scratch.path,
    );
    expect(created.code).toBe(0);
    const refused = await runCliInProcess(['demo', '--store', at('mine.db')], scratch.path);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('fresh-store');
  }, 300_000);
});
