// Erasure end to end, on every store with tables: after erasing a contact, no personal value is left in
// the database (the SQLite file and its WAL scanned as bytes; every PostgreSQL table scanned as text),
// read models and rebuilds show the placeholder, the journey verifies and analytics counts are unchanged.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import { Pool } from 'pg';
import { openLeadline, type Leadline } from '../index.js';
import { createManualClock } from '../testing/index.js';

const NAME = 'Grace Hopper';
const EMAIL = 'grace.hopper@navy.example';
const PHONE = '+442079460018';
const NOTE = 'Called Grace about the COBOL contract';
const PERSONAL = [NAME, EMAIL, PHONE, NOTE, 'Hopper', 'grace.hopper'];

const orgId = OrgId('acme');
const admin: Actor = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
const rep: Actor = { ...admin, userId: UserId('rob'), permissions: [Permission.ViewLeads, Permission.EditLeads] };

async function workAContact(leadline: Leadline) {
  await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
  const { leadId } = await leadline.leads.create(
    { fields: { name: NAME, email: EMAIL, phone: PHONE, source: 'Referral', notes: 'Met at the conference' } },
    { actor: admin },
  );
  const other = await leadline.leads.create(
    { fields: { name: 'Alan Turing', email: 'alan@bletchley.example', source: 'Referral' } },
    { actor: admin },
  );
  await leadline.leads.logNote({ leadId, text: NOTE }, { actor: admin });
  await leadline.leads.recordJourneyStep(
    { leadId, label: 'Demo', description: 'Showed Grace the board' },
    { actor: admin },
  );
  await leadline.leads.markLost({ leadId, reason: 'No budget' }, { actor: admin });
  return { leadId, otherId: other.leadId };
}

async function readSide(leadline: Leadline, leadId: Parameters<Leadline['queries']['journey']>[0]['leadId']) {
  await leadline.workers.settled();
  const now = new Date('2026-03-10T00:00:00Z');
  const journey = await leadline.queries.journey({ leadId, viewer: admin });
  return {
    journey,
    verified: await leadline.queries.verifyJourney({ leadId, viewer: admin }),
    found: (await leadline.queries.searchLeads({ viewer: admin, now, text: 'hopper' })).items.length,
    analytics: await leadline.queries.sourceAnalytics({ viewer: admin, period: 'month' }),
  };
}

/** Runs the whole story on a store URL; `scan` returns the store's bytes or rows as text. */
async function eraseAndCheck(storeUrl: string, scan: () => Promise<string>, reopenUrl = storeUrl) {
  const clock = createManualClock('2026-03-02T09:00:00Z');
  const leadline = await openLeadline({ storeUrl, clock, timers: clock });
  await leadline.workers.start();
  const { leadId, otherId } = await workAContact(leadline);
  const before = await readSide(leadline, leadId);
  expect(before.found).toBe(1);
  expect(before.journey.map((step) => step.summary).join('\n')).toContain(NOTE);

  await expect(
    leadline.contacts.erase({ email: EMAIL.toUpperCase(), reason: 'Asked to be forgotten' }, { actor: rep }),
  ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  const erased = await leadline.contacts.erase({ email: EMAIL, reason: 'Asked to be forgotten' }, { actor: admin });
  expect(erased).toEqual({ leadIds: [leadId], newlyErased: 1 });
  expect(await leadline.contacts.erase({ leadId, reason: 'Again' }, { actor: admin })).toEqual({
    leadIds: [leadId],
    newlyErased: 0,
  });
  const after = await readSide(leadline, leadId);
  expect(after.found).toBe(0);
  expect(after.verified).toEqual({ ok: true, steps: before.journey.length + 1 });
  expect(after.analytics).toEqual(before.analytics);
  const summaries = after.journey.map((step) => step.summary).join('\n');
  expect(summaries).toContain('Created "[erased]" from Referral');
  expect(summaries).not.toMatch(/Grace|Hopper|COBOL/);
  const exported = await leadline.contacts.export({ leadId }, { actor: admin });
  expect(exported).toMatchObject({ erased: true, details: { name: '[erased]', email: '[erased]', phone: '[erased]' } });
  expect(JSON.stringify(exported)).not.toMatch(/Grace|Hopper|COBOL|7946/);
  const kept = await leadline.contacts.export({ leadId: otherId }, { actor: admin });
  expect(kept.details.name).toBe('Alan Turing');
  await expect(leadline.leads.logNote({ leadId, text: 'again' }, { actor: admin })).rejects.toMatchObject({
    code: 'CONTACT_ERASED',
  });
  await leadline.close();

  const text = await scan();
  for (const value of PERSONAL) expect(text).not.toContain(value);
  // What is not personal stays plain: the source analytics read it.
  expect(text).toContain('Referral');

  // A rebuild from the events alone (fresh read models) shows the same placeholders, and verifies.
  const rebuilt = await openLeadline({ storeUrl: reopenUrl, readModelsUrl: 'memory:', clock, timers: clock });
  await rebuilt.workers.start();
  const replayed = await readSide(rebuilt, leadId);
  expect(replayed.journey.map((step) => [step.summary, step.hash])).toEqual(
    after.journey.map((step) => [step.summary, step.hash]),
  );
  expect(replayed.verified).toEqual(after.verified);
  expect(replayed.analytics).toEqual(before.analytics);
  await rebuilt.close();
}

describe('erasing a contact', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('leaves no personal value in the SQLite file or its WAL, and rebuilds stay erased', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadline-erasure-'));
    folders.push(folder);
    const file = join(folder, 'leadline.db');
    const scan = () =>
      Promise.resolve(
        [file, `${file}-wal`]
          .filter((path) => existsSync(path))
          .map((path) => readFileSync(path).toString('latin1'))
          .join('\n'),
      );
    await eraseAndCheck(`sqlite:${file}`, scan);
  });

  const postgresUrl = process.env['LEADLINE_TEST_POSTGRES_URL'];
  (postgresUrl === undefined ? it.skip : it)(
    'leaves no personal value in any PostgreSQL table of the schema',
    async () => {
      const schema = `leadline_erasure_${process.pid}_${Date.now() % 100000}`;
      const pool = new Pool({ connectionString: postgresUrl });
      const scan = async () => {
        const tables = await pool.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = $2',
          [schema, 'BASE TABLE'],
        );
        const texts = await Promise.all(
          tables.rows.map(async ({ table_name }) => {
            const rows = await pool.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${table_name}" t`);
            return rows.rows.map((row) => row.row).join('\n');
          }),
        );
        return texts.join('\n');
      };
      try {
        await eraseAndCheck(`${postgresUrl}?schema=${schema}`, scan);
      } finally {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await pool.end();
      }
    },
  );
});
