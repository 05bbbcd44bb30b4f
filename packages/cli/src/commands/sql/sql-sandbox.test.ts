// `leadline sql` is scoped and read-only on both SQL stores: another organisation's rows and notes never
// come back, a rep sees only the leads the visibility rule gives them, nothing outside the documented
// tables is reachable, writes fail, a runaway query is stopped, and on PostgreSQL pg_read_file fails.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeWithPostgres, usePostgresTestSchema } from '@leadline/postgres/testing';
import { jsonOf, runCliInProcess, scratchDirectory, type CliRun } from '../../test-support/spawn-cli.js';

const RUNAWAY = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) AS n FROM r';

function describeSandbox(
  kind: string,
  storeArgs: () => string[],
  extra: (sql: (...args: string[]) => Promise<CliRun>) => void,
) {
  describe(`leadline sql on ${kind}`, () => {
    const scratch = scratchDirectory(`sql-${kind}`);
    const cli = (...args: string[]) => runCliInProcess([...args, ...storeArgs()], scratch.path);
    const sql = (statement: string, ...args: string[]) => cli('sql', statement, '--json', ...args);
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const lead = async (org: string, name: string, owner: string, note: string): Promise<void> => {
        const created = await cli(
          'lead',
          'create',
          '--org',
          org,
          '--name',
          name,
          '--email',
          `${name}@${org}.example`,
          '--json',
        );
        expect(created.code).toBe(0);
        const leadId = jsonOf<{ leadId: string }>(created).leadId;
        ids[name] = leadId;
        expect((await cli('lead', 'assign', leadId, owner, '--org', org)).code).toBe(0);
        expect((await cli('lead', 'note', leadId, note, '--org', org)).code).toBe(0);
      };
      await lead('acme', 'roblead', 'rob', 'acme note for rob');
      await lead('acme', 'ritalead', 'rita', 'acme note for rita');
      await lead('globex', 'globexlead', 'gus', 'globex secret note');
      expect((await cli('pipeline', '--org', 'acme')).code).toBe(0);
    }, 120_000);
    afterAll(() => scratch.remove());

    it('answers for one organisation only, notes included', async () => {
      const leads = jsonOf<{ name: string }[]>(
        await sql('SELECT name FROM pipeline_board_leads ORDER BY name', '--org', 'acme'),
      );
      expect(leads.map((row) => row.name)).toEqual(['ritalead', 'roblead']);
      const everything = await sql('SELECT * FROM journey_steps', '--org', 'acme');
      expect(everything.code).toBe(0);
      expect(everything.stdout).toContain('acme note for rob');
      expect(everything.stdout).not.toContain('globex');
      const orgs = jsonOf<{ org_id: string }[]>(await sql('SELECT DISTINCT org_id FROM search_leads', '--org', 'acme'));
      expect(orgs).toEqual([{ org_id: 'acme' }]);
    });

    it('gives a rep only the leads they may see', async () => {
      const run = await sql('SELECT * FROM journey_steps', '--org', 'acme', '--as-user', 'rob', '--role', 'rep');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('acme note for rob');
      expect(run.stdout).not.toContain('rita');
      expect(run.stdout).not.toContain('globex');
      const leads = jsonOf<{ lead_id: string }[]>(
        await sql('SELECT lead_id FROM claims_leads', '--org', 'acme', '--as-user', 'rob', '--role', 'rep'),
      );
      expect(leads).toEqual([{ lead_id: ids['roblead'] }]);
    });

    it('needs --org when the read models hold several organisations', async () => {
      const run = await cli('sql', 'SELECT 1 AS one');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('required-with-several-organisations');
    });

    it('reaches nothing but the documented tables, and writes nothing', async () => {
      const events = await sql('SELECT count(*) AS n FROM events', '--org', 'acme');
      expect(events.code).toBe(1);
      expect(events.stderr).toMatch(/no such table|does not exist|permission denied/);
      const write = await sql('DELETE FROM pipeline_board_leads', '--org', 'acme');
      expect(write.code).toBe(1);
      expect(write.stderr).toContain('READ_ONLY');
      const leads = jsonOf<{ n: number | string }[]>(
        await sql('SELECT count(*) AS n FROM pipeline_board_leads', '--org', 'acme'),
      );
      expect(Number(leads[0]?.n)).toBe(2);
    });

    it('stops a runaway query with QUERY_TIMEOUT', async () => {
      const run = await cli('sql', RUNAWAY, '--org', 'acme', '--timeout', '1');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('QUERY_TIMEOUT');
    }, 60_000);

    it('prints at most --max-rows rows', async () => {
      const run = await cli('sql', 'SELECT name FROM pipeline_board_leads', '--org', 'acme', '--max-rows', '1');
      expect(run.stdout).toContain('only the first 1');
    });

    extra((statement, ...args) => sql(statement, ...args));
  });
}

const scratchFile = scratchDirectory('sql-file');
afterAll(() => scratchFile.remove());
describeSandbox(
  'SQLite',
  () => ['--store', `sqlite:${join(scratchFile.path, 'leadline.db')}`],
  (sql) => {
    it('holds only the sandbox copy: no other database to attach or read', async () => {
      const databases = jsonOf<{ file: string }[]>(await sql('SELECT file FROM pragma_database_list', '--org', 'acme'));
      expect(databases.every((row) => row.file === '')).toBe(true);
      const tables = jsonOf<{ name: string }[]>(
        await sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", '--org', 'acme'),
      );
      expect(tables.map((row) => row.name)).not.toContain('events');
    });

    it('refuses a write that passes the statement check (a WITH before a DELETE)', async () => {
      const run = await sql('WITH x AS (SELECT 1) DELETE FROM pipeline_board_leads', '--org', 'acme');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('READ_ONLY');
    });
  },
);

describeWithPostgres('leadline sql on PostgreSQL', () => {
  const postgres = usePostgresTestSchema({ prefix: 'harden_sql', poolSize: 1 });
  describeSandbox(
    'PostgreSQL',
    () => ['--store', `${postgres.url}?schema=${postgres.schema}`],
    (sql) => {
      it('runs as a role without superuser functions: pg_read_file fails', async () => {
        const run = await sql("SELECT pg_read_file('/etc/passwd') AS secret", '--org', 'acme');
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('permission denied');
        const escape = await sql("SELECT set_config('role', 'postgres', true) AS r", '--org', 'acme');
        expect(escape.code).toBe(1);
      });

      it('refuses a write hidden in a WITH', async () => {
        const run = await sql(
          'WITH gone AS (DELETE FROM pipeline_board_leads RETURNING 1) SELECT count(*) FROM gone',
          '--org',
          'acme',
        );
        expect(run.code).toBe(1);
      });
    },
  );
});
