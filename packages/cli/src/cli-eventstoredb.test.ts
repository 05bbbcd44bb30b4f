// The CLI on EventStoreDB (the protocol stand-in serving the real client): events in the esdb:// store,
// read models in memory, rebuilt by each command from the log.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProtocolStandIn } from '@leadline/eventstoredb/testing';
import { jsonOf, runCliInProcess, scratchDirectory } from './test-support/spawn-cli.js';

describe('leadline on EventStoreDB', () => {
  const scratch = scratchDirectory('cli-esdb');
  let standIn: ProtocolStandIn;
  let store = '';
  const cli = (...args: string[]) => runCliInProcess([...args, '--store', store], scratch.path);

  beforeAll(async () => {
    standIn = await ProtocolStandIn.start();
    store = `esdb://127.0.0.1:${standIn.port}?tls=false`;
  });
  afterAll(async () => {
    await standIn.stop();
    scratch.remove();
  });

  it('creates and claims a lead, shows the board, and refuses SQL (no SQL read models there)', async () => {
    const created = await cli('lead', 'create', '--name', 'Grace Hopper', '--email', 'grace@navy.example', '--json');
    expect(created.code).toBe(0);
    const { leadId } = jsonOf<{ leadId: string }>(created);
    expect((await cli('lead', 'claim', leadId, '--as-user', 'rob', '--role', 'rep')).code).toBe(0);
    const board = jsonOf<{ count: number; stages: { leads: { claimedBy: string | null }[] }[] }>(
      await cli('pipeline', '--json'),
    );
    expect(board.count).toBe(1);
    expect(board.stages.flatMap((stage) => stage.leads).map((lead) => lead.claimedBy)).toEqual(['rob']);
    const sql = await cli('sql', 'SELECT 1');
    expect(sql.code).toBe(1);
    expect(sql.stderr).toContain('sql-store');
  }, 60_000);
});
