// The CLI as a user meets it: the real executable spawned on a fresh SQLite file, good and bad input,
// and the exit codes (0 ok, 1 refused or bad input, 2 usage). Checks that need no process of their own
// run the same command line in-process on the same file, to keep the number of Node start-ups low.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { jsonOf, runCliInProcess, runCliProcess, scratchDirectory, startCli } from './test-support/spawn-cli.js';

// Generous: Node start-ups are slow on a busy two-core machine; nothing here asserts on time.
const SPAWN_TIMEOUT = 180_000;
const scratch = scratchDirectory('cli');
const cli = (...args: string[]) => runCliProcess(args, { cwd: scratch.path });
/** In-process runs name the file: the default ./leadline.db is relative to the spawned process's directory. */
const inProcess = (...args: string[]) =>
  runCliInProcess([...args, '--store', `sqlite:${join(scratch.path, 'leadline.db')}`], scratch.path);

afterAll(() => scratch.remove());

describe('leadline on a fresh SQLite file (the default ./leadline.db)', () => {
  let leadId = '';

  beforeAll(async () => {
    const created = await cli(
      'lead',
      'create',
      '--name',
      'Ada Lovelace',
      '--email',
      'ADA@Example.com',
      '--company',
      'Analytical Engines Ltd',
      '--value',
      '12500',
      '--json',
    );
    expect(created.code).toBe(0);
    leadId = jsonOf<{ leadId: string }>(created).leadId;
  }, SPAWN_TIMEOUT);

  it(
    'answers --help with every command and exits 0; an unknown option or command is a usage error (2)',
    async () => {
      const help = await cli('--help');
      expect(help.code).toBe(0);
      for (const command of [
        'demo',
        'import',
        'lead',
        'workflow',
        'pipeline',
        'sources',
        'funnel',
        'queue',
        'search',
        'journey',
        'audit',
        'rebuild',
        'worker',
        'export',
        'sql',
      ]) {
        expect(help.stdout).toContain(command);
      }
      const unknownOption = await cli('pipeline', '--frobnicate');
      expect(unknownOption.code).toBe(2);
      expect(unknownOption.stderr).toContain("unknown option '--frobnicate'");
      const unknownChoice = await inProcess('export', 'leads', '--format', 'xlsx');
      expect(unknownChoice.code).toBe(2);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'ends quietly when the reader of its output goes away (leadline --help | head -1)',
    async () => {
      const { child, done } = startCli(['--help'], { cwd: scratch.path });
      child.stdout?.destroy();
      const run = await done;
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
    },
    SPAWN_TIMEOUT,
  );

  it('prints only JSON with --json, exports included, and refuses CSV on stdout then', async () => {
    const exported = await inProcess('export', 'leads', '--json');
    expect(exported.code).toBe(0);
    expect(jsonOf<{ name: string }[]>(exported).map((row) => row.name)).toContain('Ada Lovelace');
    const toFile = await inProcess('export', 'leads', '--format', 'csv', '--out', 'leads-json.csv', '--json');
    expect(jsonOf<{ rows: number; format: string }>(toFile)).toMatchObject({ rows: 1, format: 'csv' });
    const csv = await inProcess('export', 'leads', '--format', 'csv', '--json');
    expect(csv.code).toBe(1);
    expect(csv.stdout).toBe('');
    expect(JSON.parse(csv.stderr)).toMatchObject({ error: { code: 'BAD_INPUT', field: '--format' } });
  });

  it(
    'works a lead: claim, take ownership, schedule, stage; then the audit trail verifies',
    async () => {
      expect((await inProcess('lead', 'claim', leadId, '--as-user', 'rita', '--role', 'rep')).code).toBe(0);
      expect((await inProcess('lead', 'own', leadId, '--as-user', 'rita', '--role', 'rep')).code).toBe(0);
      const scheduled = await inProcess(
        'lead',
        'schedule',
        leadId,
        '2030-03-04T10:00:00Z',
        '--note',
        'Demo call',
        '--as-user',
        'rita',
        '--role',
        'rep',
        '--json',
      );
      expect(jsonOf<{ events: { type: string }[] }>(scheduled).events.map((event) => event.type)).toEqual([
        'NextCallScheduled',
      ]);
      expect((await inProcess('lead', 'stage', leadId, 'CONTACTED', '--as-user', 'rita', '--role', 'rep')).code).toBe(
        0,
      );
      const audit = await cli('audit', leadId, '--verify', '--json');
      expect(audit.code).toBe(0);
      const trail = jsonOf<{ trail: { type: string; actorId: string }[]; verification: { ok: boolean } }>(audit);
      expect(trail.trail.map((entry) => `${entry.type}:${entry.actorId}`)).toEqual([
        'LeadCreated:admin',
        'LeadClaimed:rita',
        'ClaimReleased:rita',
        'LeadAssigned:rita',
        'NextCallScheduled:rita',
        'StageChanged:rita',
      ]);
      expect(trail.verification.ok).toBe(true);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'refuses a permission the actor lacks, an unknown lead and a malformed date with exit 1, the field, the rule and what to do',
    async () => {
      const denied = await cli('lead', 'delete', leadId, '--as-user', 'vic', '--role', 'viewer');
      expect(denied.code).toBe(1);
      expect(denied.stderr).toMatch(/error PERMISSION_DENIED/);
      expect(denied.stderr).toMatch(/what to do: /);
      expect(denied.stderr).not.toMatch(/\n\s+at /);
      const unknown = await cli('lead', 'claim', 'no-such-lead');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/NOT_FOUND[\s\S]*field: leadId/);
      const badDate = await cli('lead', 'schedule', leadId, '2026-02-31');
      expect(badDate.code).toBe(1);
      expect(badDate.stderr).toMatch(/BAD_INPUT[\s\S]*field: when, rule: iso-8601/);
      const badAsOf = await inProcess('pipeline', '--as-of', 'last tuesday', '--json');
      expect(badAsOf.code).toBe(1);
      expect(JSON.parse(badAsOf.stderr)).toMatchObject({ error: { code: 'BAD_INPUT', field: '--as-of' } });
    },
    SPAWN_TIMEOUT,
  );

  it(
    'imports a CSV with hostile cells: bad rows refused with a report, formulas neutralised on export',
    async () => {
      const file = join(scratch.path, 'hostile.csv');
      writeFileSync(
        file,
        'name,email,phone,source\n"=HYPERLINK(""http://evil.example"",""click"")",evil@example.com,,Website\n@SUM(A1),sum@example.com,,Website\nBob,not-an-email,,Website\n"-2+3",minus@example.com,,Referral\n',
      );
      const missing = await cli('import', 'nope.csv');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('FILE_NOT_FOUND');
      const imported = await cli('import', 'hostile.csv', '--errors', 'errors.csv', '--json');
      expect(imported.code).toBe(1);
      expect(jsonOf<{ created: number; failed: number }>(imported)).toMatchObject({ created: 3, failed: 1 });
      expect(readFileSync(join(scratch.path, 'errors.csv'), 'utf8')).toContain('email-format');
      const exported = await cli('export', 'leads', '--format', 'csv', '--out', 'leads.csv');
      expect(exported.code).toBe(0);
      const csv = readFileSync(join(scratch.path, 'leads.csv'), 'utf8');
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(csv).toContain(",'@SUM(A1),");
      expect(csv).toContain(",'-2+3,");
      expect(csv).not.toMatch(/(^|,)[=+@-]/m);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'answers read-only SQL and refuses anything that is not a single SELECT',
    async () => {
      const select = await cli('sql', 'SELECT count(*) AS leads FROM pipeline_board_leads', '--json');
      expect(select.code).toBe(0);
      expect(jsonOf<{ leads: number }[]>(select)[0]?.leads).toBeGreaterThan(1);
      // The event log is not one of the analysts' tables: the sandbox does not hold it.
      const events = await inProcess('sql', 'SELECT count(*) FROM events');
      expect(events.code).toBe(1);
      const write = await cli('sql', 'DELETE FROM pipeline_board_leads');
      expect(write.code).toBe(1);
      expect(write.stderr).toContain('READ_ONLY');
      const sneaky = await inProcess('sql', 'SELECT 1; DROP TABLE pipeline_board_leads');
      expect(sneaky.code).toBe(1);
      expect(sneaky.stderr).toContain('single-statement');
      // The leads view, up to date: the lead created a moment ago by another process is there.
      const live = await cli('sql', 'SELECT count(*) AS leads FROM leads', '--json');
      expect(live.code).toBe(0);
      expect(jsonOf<{ leads: number }[]>(live)[0]?.leads).toBeGreaterThan(0);
      // On a store nothing has read yet, the read models are brought up before the query: what is missing
      // is an organisation, not a table.
      const fresh = await runCliInProcess(
        ['sql', 'SELECT count(*) AS leads FROM leads', '--store', `sqlite:${join(scratch.path, 'fresh.db')}`],
        scratch.path,
      );
      expect(fresh.code).toBe(1);
      expect(fresh.stderr).toContain('no organisation yet');
      expect(fresh.stderr).not.toContain('no such table');
    },
    SPAWN_TIMEOUT,
  );

  it(
    'shows the board now and as of the first event, and rebuilds',
    async () => {
      const now = jsonOf<{ count: number }>(await cli('pipeline', '--json'));
      const then = jsonOf<{ count: number }>(await inProcess('pipeline', '--as-of', '5', '--json'));
      expect(now.count).toBe(4);
      expect(then.count).toBe(1);
      const rebuilt = await inProcess('rebuild', '--json');
      expect(rebuilt.code).toBe(0);
      expect(jsonOf<{ projections: string[] }>(rebuilt).projections.length).toBeGreaterThan(3);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'audit --verify exits 1 when someone altered a journey step in the read-model table',
    async () => {
      const db = new Database(join(scratch.path, 'leadline.db'));
      try {
        // The physical table behind the journey_steps view (after a rebuild beside it, `journey_steps_v3_r1`).
        const table = db
          .prepare<[], { name: string }>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'journey_steps_v[0-9]*' AND name NOT GLOB '*_fts*'",
          )
          .get()?.name;
        db.prepare(`UPDATE "${table}" SET summary = 'Never happened' WHERE lead_id = ? AND seq = 2`).run(leadId);
      } finally {
        db.close();
      }
      const audit = await cli('audit', leadId, '--verify');
      expect(audit.code).toBe(1);
      expect(audit.stdout).toContain('JOURNEY BROKEN at step 2');
      expect(audit.stderr).toMatch(/VERIFICATION_FAILED[\s\S]*rule: hash-chain:hash/);
      // The journey is a projection: rebuilt from the events, it verifies again.
      expect((await inProcess('rebuild', '--projection', 'journey')).code).toBe(0);
      expect((await inProcess('audit', leadId, '--verify')).code).toBe(0);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'runs the worker until SIGTERM and stops cleanly with exit 0',
    async () => {
      const { child, done } = startCli(['worker', '--json'], { cwd: scratch.path });
      await new Promise<void>((resolve) =>
        child.stdout?.on('data', (chunk: Buffer) => (chunk.toString().includes('"running"') ? resolve() : undefined)),
      );
      child.kill('SIGTERM');
      const run = await done;
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('"signal": "SIGTERM"');
    },
    SPAWN_TIMEOUT,
  );

  it(
    'removes a stage: its leads move to the fallback at once and stay on the board',
    async () => {
      const stages = [
        'IDENTIFIED:Identified:open',
        'INTRO:Intro call:open',
        'SIGNED:Signed:won',
        'DECLINED:Declined:lost',
      ];
      expect((await inProcess('workflow', 'create', 'Partnerships', ...stages, '--id', 'partnerships')).code).toBe(0);
      const lead = ['--workflow', 'partnerships', '--stage', 'INTRO', '--source', 'Referral'];
      const created = await inProcess('lead', 'create', '--name', 'Babbage', '--email', 'cb@example.com', ...lead);
      expect(created.code).toBe(0);
      const removed = await inProcess('workflow', 'remove-stage', 'partnerships', 'INTRO', '--fallback', 'IDENTIFIED');
      expect(removed.code).toBe(0);
      const board = jsonOf<{ stages: { stageId: string; leads: { name: string }[] }[] }>(
        await inProcess('pipeline', '--workflow', 'partnerships', '--json'),
      );
      expect(board.stages.map((stage) => [stage.stageId, stage.leads.map((l) => l.name)])).toEqual([
        ['IDENTIFIED', ['Babbage']],
        ['SIGNED', []],
        ['DECLINED', []],
      ]);
    },
    SPAWN_TIMEOUT,
  );
});
