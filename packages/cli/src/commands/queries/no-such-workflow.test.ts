// The board and the funnel of a workflow that does not exist: refused with the field, the rule and a hint.
import { afterAll, describe, expect, it } from '@jest/globals';
import { runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

describe('a workflow that does not exist', () => {
  const scratch = scratchDirectory('no-such-workflow');
  afterAll(() => scratch.remove());

  it.each([['pipeline'], ['funnel']])('`%s --workflow nope` is refused as not found on --workflow', async (command) => {
    const run = await runCliInProcess([command, '--workflow', 'nope', '--store', 'memory:'], scratch.path);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('There is no such workflow');
    expect(run.stderr).toContain('leadline workflow list');
  });
});
