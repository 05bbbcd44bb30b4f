// The CLI's read commands answer through the facade's queries, so visibility holds as it does for
// any caller (issue #14: `sources` and `funnel` ignored View All Leads, `queue` showed the pool to
// users who may not claim).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

const scratch = scratchDirectory('cli-visibility');
const run = (...args: string[]) =>
  runCliInProcess([...args, '--store', `sqlite:${join(scratch.path, 'leadline.db')}`], scratch.path);
/** May see and work their own leads, not claim: no pool, no organisation-wide figures. */
const editor = ['--as-user', 'eve', '--permissions', 'VIEW_LEADS,EDIT_LEADS'];

afterAll(() => scratch.remove());

describe('CLI read commands apply visibility', () => {
  beforeAll(async () => {
    expect((await run('lead', 'create', '--name', 'Pool Lead', '--email', 'pool@example.com')).code).toBe(0);
  }, 120_000);

  it('refuses sources and funnel to a user without View All Leads, and answers a manager', async () => {
    for (const command of ['sources', 'funnel']) {
      const denied = await run(command, ...editor);
      expect(denied.code).toBe(1);
      expect(denied.stderr).toMatch(/PERMISSION_DENIED/);
      expect((await run(command, '--as-user', 'mia', '--role', 'manager', '--json')).code).toBe(0);
    }
  }, 120_000);

  it('shows the pool only to those who may claim', async () => {
    const hidden = jsonOf<{ pool: unknown[] }>(await run('queue', ...editor, '--json'));
    expect(hidden.pool).toEqual([]);
    const shown = jsonOf<{ pool: { name: string }[] }>(
      await run('queue', '--as-user', 'rob', '--role', 'rep', '--json'),
    );
    expect(shown.pool.map((lead) => lead.name)).toEqual(['Pool Lead']);
  }, 120_000);
});

describe('CLI global options', () => {
  it('refuses an --as-user or --org that is not an id, naming the option and the rule', async () => {
    const refused = await run('queue', '--as-user', 'eve\u001b[31m', '--json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/VALIDATION_FAILED/);
    expect(refused.stderr).toMatch(/--as-user/);
    const badOrg = await run('queue', '--org', '../etc', '--json');
    expect(badOrg.code).toBe(1);
    expect(badOrg.stderr).toMatch(/--org/);
  }, 120_000);
});
