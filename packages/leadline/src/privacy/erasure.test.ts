// Erasure end to end, on every durable store: after erasing a contact, no personal value is left in the
// database (the SQLite file and its WAL scanned as bytes; every PostgreSQL table scanned as text; the
// EventStoreDB stand-in's log as bytes beside the SQLite file holding its keys and read models), read
// models and rebuilds show the placeholder, the journey verifies and analytics counts are unchanged. The
// person is a lead with a custom text field and a client record holding the same email and phone.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor, type ClientId } from '@leadline/domain';
import { openEventStoreDbEventStore } from '@leadline/eventstoredb';
import { ProtocolStandIn } from '@leadline/eventstoredb/testing';
import { openSqliteKeyStore, openSqliteReadModelStore } from '@leadline/sqlite';
import { Pool } from 'pg';
import { createLeadline, openLeadline, type Leadline } from '../index.js';
import { createManualClock } from '../testing/index.js';

const NAME = 'Grace Hopper';
const EMAIL = 'grace.hopper@navy.example';
const PHONE = '+442079460018';
const NOTE = 'Called Grace about the COBOL contract';
const NICKNAME = 'Queen of Software';
const PERSONAL = [NAME, EMAIL, PHONE, NOTE, NICKNAME, 'Hopper', 'grace.hopper'];

const orgId = OrgId('acme');
const admin: Actor = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
const rep: Actor = { ...admin, userId: UserId('rob'), permissions: [Permission.ViewLeads, Permission.EditLeads] };

async function workAContact(leadline: Leadline) {
  await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
  await leadline.organisations.defineField(
    { field: { key: 'nickname', label: 'Nickname', type: 'text' } },
    { actor: admin },
  );
  await leadline.organisations.defineField(
    { field: { key: 'seats', label: 'Seats', type: 'number' } },
    { actor: admin },
  );
  const { leadId } = await leadline.leads.create(
    {
      fields: {
        name: NAME,
        email: EMAIL,
        phone: PHONE,
        source: 'Referral',
        notes: 'Met at the conference',
        customFields: { nickname: NICKNAME, seats: 12 },
      },
    },
    { actor: admin },
  );
  const { clientId } = await leadline.clients.create(
    { details: { name: 'Hopper Consulting', email: EMAIL.toUpperCase(), phone: PHONE, company: 'Navy' } },
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
  return { leadId, otherId: other.leadId, clientId };
}

async function readSide(
  leadline: Leadline,
  leadId: Parameters<Leadline['queries']['journey']>[0]['leadId'],
  clientId: ClientId,
) {
  await leadline.workers.settled();
  const now = new Date('2026-03-10T00:00:00Z');
  const journey = await leadline.queries.journey({ leadId, viewer: admin });
  return {
    journey,
    customFields: (await leadline.leads.get({ viewer: admin, leadId }))?.customFields,
    client: await leadline.clients.get({ viewer: admin, clientId }),
    clientsFound: (await leadline.clients.list({ viewer: admin, text: 'hopper' })).items.length,
    verified: await leadline.queries.verifyJourney({ leadId, viewer: admin }),
    found: (await leadline.queries.searchLeads({ viewer: admin, now, text: 'hopper' })).items.length,
    analytics: await leadline.queries.sourceAnalytics({ viewer: admin, period: 'month' }),
  };
}

type Clock = ReturnType<typeof createManualClock>;

/**
 * Runs the whole story: `open` opens Leadline on the store, `scan` returns the store's bytes or rows as
 * text, `rebuild` opens it again on fresh read models (the same keys).
 */
async function eraseAndCheck(
  open: (clock: Clock) => Promise<Leadline>,
  scan: () => Promise<string>,
  rebuild: (clock: Clock) => Promise<Leadline>,
) {
  const clock = createManualClock('2026-03-02T09:00:00Z');
  const leadline = await open(clock);
  await leadline.workers.start();
  const { leadId, otherId, clientId } = await workAContact(leadline);
  const before = await readSide(leadline, leadId, clientId);
  expect(before.found).toBe(1);
  expect(before.clientsFound).toBe(1);
  expect(before.customFields).toEqual({ nickname: NICKNAME, seats: 12 });
  expect(before.journey.map((step) => step.summary).join('\n')).toContain(NOTE);

  await expect(
    leadline.contacts.erase({ email: EMAIL.toUpperCase(), reason: 'Asked to be forgotten' }, { actor: rep }),
  ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  const erased = await leadline.contacts.erase({ email: EMAIL, reason: 'Asked to be forgotten' }, { actor: admin });
  expect(erased).toEqual({ leadIds: [leadId], clientIds: [clientId], newlyErased: 2 });
  expect(await leadline.contacts.erase({ leadId, reason: 'Again' }, { actor: admin })).toEqual({
    leadIds: [leadId],
    clientIds: [],
    newlyErased: 0,
  });
  expect(await leadline.contacts.erase({ clientId, reason: 'Again' }, { actor: admin })).toEqual({
    leadIds: [],
    clientIds: [clientId],
    newlyErased: 0,
  });
  const after = await readSide(leadline, leadId, clientId);
  expect(after.found).toBe(0);
  expect(after.clientsFound).toBe(0);
  expect(after.customFields).toEqual({ nickname: '[erased]', seats: 12 });
  expect(after.client).toMatchObject({ name: '[erased]', email: '[erased]', phone: '[erased]', company: 'Navy' });
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
  const exportedClient = await leadline.contacts.exportClient({ clientId }, { actor: admin });
  expect(exportedClient).toMatchObject({ erased: true, details: { name: '[erased]', company: 'Navy' } });
  expect(JSON.stringify(exportedClient)).not.toMatch(/Grace|Hopper|7946/);
  await expect(
    leadline.clients.update({ clientId, changes: { name: 'Grace again' } }, { actor: admin }),
  ).rejects.toMatchObject({ code: 'CONTACT_ERASED', field: 'clientId' });
  await leadline.close();

  const text = await scan();
  for (const value of PERSONAL) expect(text).not.toContain(value);
  // What is not personal stays plain: the source analytics read it.
  expect(text).toContain('Referral');

  // A rebuild from the events alone (fresh read models) shows the same placeholders, and verifies.
  const rebuilt = await rebuild(clock);
  await rebuilt.workers.start();
  const replayed = await readSide(rebuilt, leadId, clientId);
  expect(replayed.journey.map((step) => [step.summary, step.hash])).toEqual(
    after.journey.map((step) => [step.summary, step.hash]),
  );
  expect(replayed.verified).toEqual(after.verified);
  expect(replayed.analytics).toEqual(before.analytics);
  expect(replayed.customFields).toEqual(after.customFields);
  expect({ ...replayed.client, updatedAt: null }).toEqual({ ...after.client, updatedAt: null });
  expect((await rebuilt.contacts.export({ leadId: otherId }, { actor: admin })).details.name).toBe('Alan Turing');
  await rebuilt.close();
}

/** Opens a store URL with its own keys; the rebuild reopens it on in-memory read models. */
const onUrl = (storeUrl: string) =>
  [
    (clock: Clock) => openLeadline({ storeUrl, clock, timers: clock }),
    (clock: Clock) => openLeadline({ storeUrl, readModelsUrl: 'memory:', clock, timers: clock }),
  ] as const;

const fileBytes = (...files: string[]) =>
  files
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');

describe('erasing a contact', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('leaves no personal value in the SQLite file or its WAL, and rebuilds stay erased', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadline-erasure-'));
    folders.push(folder);
    const file = join(folder, 'leadline.db');
    const [open, rebuild] = onUrl(`sqlite:${file}`);
    await eraseAndCheck(open, () => Promise.resolve(fileBytes(file, `${file}-wal`)), rebuild);
  });

  it('on EventStoreDB (the stand-in), keys and read models in a SQLite file: no value left in either', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadline-erasure-esdb-'));
    folders.push(folder);
    const file = join(folder, 'readmodels.db');
    const standIn = await ProtocolStandIn.start();
    const logBytes = () =>
      standIn.log
        .allRecords()
        .map((record) => `${record.streamName} ${Buffer.from(record.data).toString('latin1')}`)
        .join('\n');
    // The rebuild: the same events and the same keys, fresh read models in memory.
    const rebuild = async (clock: Clock) => {
      const keys = openSqliteKeyStore({ file });
      const leadline = createLeadline({
        store: openEventStoreDbEventStore({ connectionString: standIn.connectionString }),
        readModels: openSqliteReadModelStore({ file: ':memory:' }),
        personalData: { keys },
        clock,
        timers: clock,
      });
      const close = async (): Promise<void> => {
        await leadline.close();
        keys.close();
      };
      return { ...leadline, close };
    };
    try {
      await eraseAndCheck(
        (clock) =>
          openLeadline({ storeUrl: standIn.connectionString, readModelsUrl: `sqlite:${file}`, clock, timers: clock }),
        () => Promise.resolve(`${logBytes()}\n${fileBytes(file, `${file}-wal`)}`),
        rebuild,
      );
    } finally {
      await standIn.stop();
    }
  }, 60_000);

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
        const [open, rebuild] = onUrl(`${postgresUrl}?schema=${schema}`);
        await eraseAndCheck(open, scan, rebuild);
      } finally {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await pool.end();
      }
    },
  );
});
