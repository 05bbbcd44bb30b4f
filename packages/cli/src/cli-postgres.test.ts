// The same CLI on PostgreSQL (a schema of its own per run): commands, queries, audit, import and the
// read-only SQL, spawned as a user runs them. Skips with one line without LEADLINE_TEST_POSTGRES_URL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithPostgres, usePostgresTestSchema } from '@leadline/postgres/testing';
import { jsonOf, runCliInProcess, runCliProcess, scratchDirectory } from './test-support/spawn-cli.js';

// Generous: Node start-ups are slow on a busy two-core machine; nothing here asserts on time.
const SPAWN_TIMEOUT = 180_000;

describeWithPostgres('leadline on PostgreSQL', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_cli', poolSize: 2 });
  const scratch = scratchDirectory('cli-pg');
  const store = (): string[] => ['--store', `${postgres.url}?schema=${postgres.schema}`];
  const cli = (...args: string[]) => runCliProcess([...args, ...store()], { cwd: scratch.path });
  const inProcess = (...args: string[]) => runCliInProcess([...args, ...store()], scratch.path);
  let leadId = '';

  beforeAll(async () => {
    writeFileSync(
      join(scratch.path, 'leads.csv'),
      'Name,Email,Phone,Source\nGrace Hopper,grace@navy.example,,Referral\nAlan Turing,,+44 20 7946 0958,Website\nNo Contact,,,Website\n',
    );
    const imported = await cli('import', 'leads.csv', '--json');
    expect(jsonOf<{ created: number; failed: number }>(imported)).toMatchObject({ created: 2, failed: 1 });
    expect(imported.code).toBe(1);
    const created = await cli('lead', 'create', '--name', 'Katherine Johnson', '--phone', '+1 757 555 0100', '--json');
    expect(created.code).toBe(0);
    leadId = jsonOf<{ leadId: string }>(created).leadId;
  }, SPAWN_TIMEOUT);

  afterAll(() => scratch.remove());

  it(
    'works a lead and verifies its journey',
    async () => {
      expect((await cli('lead', 'claim', leadId, '--as-user', 'rob', '--role', 'rep')).code).toBe(0);
      const held = await cli('lead', 'claim', leadId, '--as-user', 'rita', '--role', 'rep');
      expect(held.code).toBe(1);
      expect(held.stderr).toContain('CLAIM_HELD');
      expect(
        (
          await inProcess(
            'lead',
            'note',
            leadId,
            'Spoke about orbits',
            '--outcome',
            'CONNECTED',
            '--as-user',
            'rob',
            '--role',
            'rep',
          )
        ).code,
      ).toBe(0);
      const audit = await cli('audit', leadId, '--verify');
      expect(audit.code).toBe(0);
      expect(audit.stdout).toContain('every link intact');
    },
    SPAWN_TIMEOUT,
  );

  it(
    'answers the queries and read-only SQL, and refuses writes through SQL',
    async () => {
      const board = jsonOf<{ count: number }>(await cli('pipeline', '--json'));
      expect(board.count).toBe(3);
      const found = jsonOf<{ hits: { name: string }[] }>(await inProcess('search', 'hopper', '--json'));
      expect(found.hits.map((hit) => hit.name)).toEqual(['Grace Hopper']);
      const counted = jsonOf<{ n: string }[]>(
        await inProcess('sql', "SELECT count(*) AS n FROM pipeline_board_leads WHERE state = 'active'", '--json'),
      );
      expect(Number(counted[0]?.n)).toBe(3);
      const refused = await cli('sql', 'DELETE FROM pipeline_board_leads');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('READ_ONLY');
      // A write hidden in a WITH passes the statement check; the sandbox role may only read, in a READ ONLY transaction.
      const hidden = await cli(
        'sql',
        'WITH gone AS (DELETE FROM pipeline_board_leads RETURNING 1) SELECT count(*) FROM gone',
      );
      expect(hidden.code).toBe(1);
      expect(hidden.stderr).toMatch(/read-only|permission denied/);
      expect(
        Number(
          jsonOf<{ n: string }[]>(await inProcess('sql', 'SELECT count(*) AS n FROM pipeline_board_leads', '--json'))[0]
            ?.n,
        ),
      ).toBe(3);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'offers the leads view in the SQL sandbox, scoped to what the caller may see',
    async () => {
      const names = (rows: { name: string }[]): string[] => rows.map((row) => row.name);
      const all = jsonOf<{ name: string }[]>(await inProcess('sql', 'SELECT name FROM leads ORDER BY name', '--json'));
      expect(names(all)).toEqual(['Alan Turing', 'Grace Hopper', 'Katherine Johnson']);
      // Rob holds a live claim on Katherine Johnson's lead: another rep sees the pool only, not that lead.
      const pool = jsonOf<{ name: string }[]>(
        await inProcess('sql', 'SELECT name FROM leads ORDER BY name', '--json', '--as-user', 'rita', '--role', 'rep'),
      );
      expect(names(pool)).toEqual(['Alan Turing', 'Grace Hopper']);
    },
    SPAWN_TIMEOUT,
  );
});
