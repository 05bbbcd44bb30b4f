// The migration of a plain history into a sealed store: same events in the same order, resumable, the
// read models rebuilt from the copy equal those from the source, every journey verifies, and no
// personal value is left plain in the copy — including the values an erased lead's plain events held.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, OrgId, UserId, type Actor, type LeadId } from '@leadline/domain';
import { describeWithPostgres, usePostgresTestSchema } from '@leadline/postgres/testing';
import { encryptPersonalData, openLeadline } from '../index.js';
import { createManualClock } from '../testing/index.js';

const orgId = OrgId('acme');
const admin: Actor = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
const PEOPLE = [
  { name: 'Grace Hopper', email: 'grace.hopper@navy.example', phone: '+442079460018', note: 'Talked COBOL compilers' },
  { name: 'Alan Turing', email: 'alan.turing@bletchley.example', phone: '+442079460019', note: 'Asked about Enigma' },
  { name: 'Ada Byron', email: 'ada.byron@engine.example', phone: '+442079460020', note: 'Wants the analytical engine' },
] as const;
const PERSONAL = PEOPLE.flatMap((person) => [person.name, person.email, person.phone, person.note]);

/** A history written plain, then (sealed from then on) one lead erased and one lead more. */
async function writeHistory(sourceUrl: string): Promise<{ leads: LeadId[]; erased: LeadId }> {
  const clock = createManualClock('2026-03-02T09:00:00Z');
  const plain = await openLeadline({ storeUrl: sourceUrl, clock, timers: clock, sealPersonalData: false });
  await plain.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
  const leads: LeadId[] = [];
  for (const person of PEOPLE.slice(0, 2)) {
    const { leadId } = await plain.leads.create(
      { fields: { name: person.name, email: person.email, phone: person.phone, source: 'Referral' } },
      { actor: admin },
    );
    await plain.leads.logNote({ leadId, text: person.note }, { actor: admin });
    leads.push(leadId);
  }
  await plain.leads.markLost({ leadId: leads[1] as LeadId, reason: 'No budget' }, { actor: admin });
  await plain.close();
  const sealed = await openLeadline({ storeUrl: sourceUrl, clock, timers: clock });
  await sealed.workers.start();
  const erased = leads[1] as LeadId;
  await sealed.contacts.erase({ leadId: erased, reason: 'Asked to be forgotten' }, { actor: admin });
  const [, , ada] = PEOPLE;
  const { leadId } = await sealed.leads.create(
    { fields: { name: ada.name, email: ada.email, phone: ada.phone, source: 'Website' } },
    { actor: admin },
  );
  await sealed.leads.logNote({ leadId, text: ada.note }, { actor: admin });
  leads.push(leadId);
  await sealed.close();
  return { leads, erased };
}

/** What the read models say, built from scratch (fresh read-model database) from a store. */
async function readModelsOf(storeUrl: string, readModelsUrl: string, leads: readonly LeadId[]) {
  const leadline = await openLeadline({ storeUrl, readModelsUrl, sealPersonalData: true });
  try {
    await leadline.workers.start({ retention: false });
    await leadline.workers.settled();
    const viewer = admin;
    const journeys = [];
    for (const leadId of leads) {
      const steps = await leadline.queries.journey({ leadId, viewer });
      // The hashes cover the summaries as stored (ciphertext): they differ between stores by design.
      journeys.push(steps.map(({ hash: _h, prevHash: _p, sealedSummary: _s, ...step }) => step));
    }
    return {
      journeys,
      verified: await Promise.all(leads.map((leadId) => leadline.queries.verifyJourney({ leadId, viewer }))),
      leads: await Promise.all(
        leads.map(async (leadId) => {
          const lead = await leadline.leads.get({ leadId, viewer });
          // The journey head's hash covers the stored (sealed) summary, like every step's.
          return lead === null ? null : { ...lead, journeyHead: { ...lead.journeyHead, hash: 'sealed' } };
        }),
      ),
      analytics: await leadline.queries.sourceAnalytics({ viewer, period: 'month' }),
      search: (await leadline.queries.searchLeads({ viewer, text: 'example' })).items.length,
    };
  } finally {
    await leadline.close();
  }
}

async function migrateAndCheck(
  sourceUrl: string,
  targetUrl: string,
  rebuildUrls: readonly [string, string],
  scan: (url: string) => Promise<string>,
) {
  const { leads, erased } = await writeHistory(sourceUrl);
  // The scan sees plain values where there are some: the source holds them.
  expect(await scan(sourceUrl)).toContain('Talked COBOL');
  const source = await openLeadline({ storeUrl: sourceUrl });
  try {
    // A run stopped after two batches (a crash, Ctrl-C) leaves a prefix that the next run resumes after.
    let batches = 0;
    const stopping = (): void => {
      batches += 1;
      if (batches === 2) throw new Error('stopped mid-copy');
    };
    await expect(
      encryptPersonalData({ source: source.store, targetUrl, batchSize: 3, onProgress: stopping }),
    ).rejects.toThrow('stopped mid-copy');
    const seen: bigint[] = [];
    const first = await encryptPersonalData({
      source: source.store,
      targetUrl,
      batchSize: 3,
      onProgress: ({ position }) => seen.push(position),
    });
    expect(first.verification).toMatchObject({ ok: true, problems: [] });
    expect(first.alreadyCopied).toBeGreaterThan(0);
    expect(first.copied + first.alreadyCopied).toBe(first.verification.events);
    expect(first.erasedLeads).toBe(1);
    expect(first.verification.sealedValues).toBeGreaterThan(PERSONAL.length);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : 1)));
    // A rerun copies nothing again (resumable: it skips what a stopped run copied).
    const again = await encryptPersonalData({ source: source.store, targetUrl });
    expect(again).toMatchObject({
      copied: 0,
      alreadyCopied: first.verification.events,
      verification: { ok: true },
    });
  } finally {
    await source.close();
  }
  const text = await scan(targetUrl);
  for (const value of PERSONAL) expect(text).not.toContain(value);

  const before = await readModelsOf(sourceUrl, rebuildUrls[0], leads);
  const after = await readModelsOf(targetUrl, rebuildUrls[1], leads);
  const kept = leads.map((leadId) => leadId !== erased);
  expect(after.verified).toEqual(before.journeys.map((steps) => ({ ok: true, steps: steps.length })));
  expect(after.journeys.filter((_, i) => kept[i])).toEqual(before.journeys.filter((_, i) => kept[i]));
  expect(after.leads).toEqual(before.leads);
  expect(after.analytics).toEqual(before.analytics);
  expect(after.search).toBe(before.search);
  // The erased lead's plain history read plain in the source's journey; in the copy it is gone.
  const erasedAt = leads.indexOf(erased);
  expect(JSON.stringify(before.journeys[erasedAt])).toContain('Enigma');
  expect(JSON.stringify(after.journeys[erasedAt])).not.toMatch(/Turing|Enigma/);
}

const folder = mkdtempSync(join(tmpdir(), 'leadline-seal-migration-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const bytesOf = (file: string): string =>
  [file, `${file}-wal`].map((path) => (existsSync(path) ? readFileSync(path).toString('latin1') : '')).join('');

describe('leadline migrate encrypt-personal-data on SQLite', () => {
  it('copies a plain history into a sealed file: same events, same read models, nothing personal in plain', async () => {
    const source = join(folder, 'plain.db');
    const target = join(folder, 'sealed.db');
    await migrateAndCheck(
      `sqlite:${source}`,
      `sqlite:${target}`,
      [`sqlite:${join(folder, 'rm-before.db')}`, `sqlite:${join(folder, 'rm-after.db')}`],
      async (url) => bytesOf(url.slice('sqlite:'.length)),
    );
  }, 120_000);

  it('refuses a target that cannot keep keys, naming the field and the rule', async () => {
    const source = await openLeadline({ storeUrl: 'memory:' });
    await expect(encryptPersonalData({ source: source.store, targetUrl: 'memory:' })).rejects.toMatchObject({
      field: 'to',
      rule: 'durable-sql-store',
    });
    await source.close();
  });
});

describeWithPostgres('leadline migrate encrypt-personal-data on PostgreSQL', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_sealmig' });
  const urlOf = (schema: string) => {
    const url = new URL(postgres.url);
    url.searchParams.set('schema', `${postgres.schema}_${schema}`);
    return url.toString();
  };

  it('copies a plain schema into a sealed one: same events, same read models, no table holds a personal value', async () => {
    const schemas = ['src', 'dst'];
    try {
      await migrateAndCheck(
        urlOf('src'),
        urlOf('dst'),
        [`sqlite:${join(folder, 'pg-rm-before.db')}`, `sqlite:${join(folder, 'pg-rm-after.db')}`],
        async (url) => {
          const schema = new URL(url).searchParams.get('schema') ?? '';
          const tables = await postgres.pool.query<{ table_name: string }>(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
            [schema],
          );
          const rows: string[] = [];
          for (const { table_name } of tables.rows) {
            const result = await postgres.pool.query(`SELECT * FROM "${schema}"."${table_name}"`);
            rows.push(JSON.stringify(result.rows));
          }
          expect(tables.rows.length).toBeGreaterThan(0);
          return rows.join('\n');
        },
      );
    } finally {
      for (const schema of schemas)
        await postgres.pool.query(`DROP SCHEMA IF EXISTS "${postgres.schema}_${schema}" CASCADE`);
    }
  }, 120_000);
});
