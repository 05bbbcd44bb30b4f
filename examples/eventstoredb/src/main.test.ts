// The example program, run against the protocol stand-in reached through gossip discovery (as the
// three-node connection string is), or against LEADLINE_TEST_ESDB_URL when it is set.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProtocolStandIn, realServerUrl } from '@leadline/eventstoredb/testing';
import { runExample } from './main.js';

describe('the EventStoreDB example', () => {
  let standIn: ProtocolStandIn | undefined;
  let connectionString: string;

  beforeAll(async () => {
    const url = realServerUrl();
    if (url !== undefined) connectionString = url;
    else {
      standIn = await ProtocolStandIn.start();
      connectionString = `esdb+discover://127.0.0.1:${standIn.port}?tls=false`;
    }
  });
  afterAll(async () => standIn?.stop());

  it('creates, claims and moves a lead, and reads it back from the store and the board', async () => {
    const lines: string[] = [];
    const run = await runExample(connectionString, `example-test-${Date.now()}`, (line) => lines.push(line));
    expect(run.leadEvents).toEqual(['LeadCreated', 'LeadClaimed', 'StageChanged']);
    expect(run.board['CONTACTED']).toEqual(['globex']);
    expect(lines.at(-1)).toContain('pipeline board');
    if (standIn !== undefined) expect(standIn.calls.get('Gossip.Read')).toBeGreaterThan(0);
  });
});
