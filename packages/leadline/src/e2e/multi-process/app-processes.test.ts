// Four app processes on one PostgreSQL store, each with the leased projections and the claim expiry
// worker running, race on the same commands: the single-process guarantees hold across processes (one
// claim winner, one lead per email without the duplicate answer), every lapsed claim expires exactly
// once although four expiry workers see it, and between them they keep every projection at the head.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { LeadId } from '@leadline/domain';
import { describeWithPostgres, usePostgresTestSchema } from '@leadline/postgres/testing';
import { openLeadline } from '../../store-url/open-leadline.js';
import { ACME, admin, as, manager } from '../actors.js';
import { CONTENDED_LEAD, CREATES_PER_INSTANCE, RACING_EMAIL } from './race.js';

const INSTANCES = 4;
const LAPSED_CLAIMS = 6;
const HOUR = 3_600_000;
const WAIT_MS = 45_000;

interface App {
  readonly process: ChildProcess;
  readonly ready: Promise<void>;
  readonly result: Promise<{ outcomes: string[]; claim: string }>;
}

const apps: App[] = [];
afterAll(() => {
  for (const app of apps) if (app.process.exitCode === null) app.process.kill('SIGKILL');
});

function startApp(storeUrl: string, instance: number): App {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@leadline/source', join(__dirname, 'app-process.ts'), storeUrl, String(instance)],
    { cwd: join(__dirname, '..', '..', '..'), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const seen = (pattern: RegExp): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = pattern.exec(output);
        if (match !== null) resolve(match);
      });
      child.once('exit', (code) => reject(new Error(`app ${instance} exited (${String(code)}): ${errors}`)));
    });
  const app: App = {
    process: child,
    ready: seen(/app-ready/).then(() => undefined),
    result: seen(/app-result (.*)\n/).then((match) => JSON.parse(match[1] ?? '{}') as Awaited<App['result']>),
  };
  app.result.catch(() => undefined);
  apps.push(app);
  return app;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > WAIT_MS) throw new Error(`${what}: not within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeWithPostgres('four app processes on one PostgreSQL store', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_apps' });

  it('keep one claim winner, one lead per email, one expiry per lapsed claim, and the projections at the head', async () => {
    const url = new URL(postgres.url);
    url.searchParams.set('schema', `${postgres.schema}_apps`);
    const storeUrl = url.toString();
    // The setting-up instance lives two hours back: the claims it makes have lapsed for the apps.
    const past = { now: () => new Date(Date.now() - 2 * HOUR) };
    const setup = await openLeadline({ storeUrl, clock: past });
    try {
      await setup.organisations.create({ orgId: ACME, name: 'Acme', settings: { claimWindowMs: HOUR } }, as(admin));
      await setup.leads.create(
        { leadId: CONTENDED_LEAD, fields: { name: 'Contended', email: 'contended@example.com', source: 'Website' } },
        as(manager),
      );
      const lapsed = Array.from({ length: LAPSED_CLAIMS }, (_, index) => LeadId(`lapsed-${index}`));
      for (const leadId of lapsed) {
        await setup.leads.create(
          { leadId, fields: { name: `Lapsed ${leadId}`, email: `${leadId}@example.com`, source: 'Website' } },
          as(manager),
        );
        await setup.leads.claim({ leadId }, as(manager));
      }

      const started = Array.from({ length: INSTANCES }, (_, instance) => startApp(storeUrl, instance));
      await Promise.all(started.map((app) => app.ready));
      for (const app of started) app.process.stdin?.write('go\n');
      const results = await Promise.all(started.map((app) => app.result));

      const outcomes = results.flatMap((result) => result.outcomes);
      expect(outcomes).toHaveLength(INSTANCES * CREATES_PER_INSTANCE);
      expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome !== 'created').every((outcome) => outcome === 'duplicates')).toBe(
        true,
      );
      expect(results.map((result) => result.claim).sort()).toEqual([
        ...Array.from({ length: INSTANCES - 1 }, () => 'CLAIM_HELD'),
        'won',
      ]);

      const expiries = async (): Promise<string[]> => {
        const leads: string[] = [];
        for await (const event of setup.store.readAll({ after: 0n }))
          if (event.type === 'ClaimExpired') leads.push(event.streamName);
        return leads;
      };
      await until('every lapsed claim expired', async () => (await expiries()).length >= LAPSED_CLAIMS);
      await until('the projections at the head', async () => {
        const health = await setup.health();
        return health.projections.every((projection) => projection.lag === 0n);
      });
      for (const app of started) app.process.stdin?.write('stop\n');
      await Promise.all(started.map((app) => new Promise((resolve) => app.process.once('close', resolve))));

      // Four expiry workers saw every lapsed claim; each was expired once.
      expect((await expiries()).sort()).toEqual(lapsed.map((leadId) => `lead-${leadId}`).sort());
      const created = [];
      for await (const event of setup.store.readAll({ after: 0n }))
        if (event.type === 'LeadCreated' && (event.data as { email?: string | null }).email === RACING_EMAIL)
          created.push(event.streamName);
      expect(created).toHaveLength(1);
    } finally {
      await setup.close();
    }
    await postgres.pool.query(`DROP SCHEMA IF EXISTS "${postgres.schema}_apps" CASCADE`);
  }, 150_000);
});
