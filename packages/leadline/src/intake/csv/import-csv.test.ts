import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { LeadId, leadStream, OrgId, type LeadCreated } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { withFaults } from '../test-support/faulty-store.js';
import { acting, allEvents, clerk, openWithOrganisation, owner, typesOf } from '../test-support/setup.js';
import { describeOnStores } from '../test-support/stores.js';
import type { ImportProgress } from './progress.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-import-'));
const file = (name: string, text: string): string => {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
};

/** `;`-separated with a BOM, quoted fields holding the separator, quotes and a line break; CRLF lines. */
const EUROPEAN = [
  '\uFEFFFull name;E-mail;Mobile;Organisation;Lead Source;Comments;Industry;Score',
  'Ada Lovelace;ada@example.com;020 7946 0001;"Analytical; Engines";Website;"Met at ""the fair""\nwants a call";Software;5',
  'Bob Byte;BOB@example.com;;Byte Ltd;referral;;Retail; Warm',
  '',
  'Cy Nobody;;;;Website;;;',
  'Dee Dupe;ada@example.com;;;Website;;;',
  'Eve Bad;eve@@example;12;;Fax;;Mining;9',
].join('\r\n');

const leadCreated = async (store: Parameters<typeof allEvents>[0]): Promise<LeadCreated['data'][]> =>
  (await allEvents(store))
    .filter((event) => event.type === 'LeadCreated')
    .map((event) => event.data as LeadCreated['data']);

describeOnStores('CSV import', ['memory', 'sqlite', 'postgres'], (open) => {
  it('detects the separator, BOM and headers, reads quoted fields, refuses bad rows into the error report', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    const reportPath = join(folder, `errors-${Date.now()}.csv`);
    const report = await leadline.intake.importCsv(
      { path: file('european.csv', EUROPEAN) },
      { acting: acting(), errorReport: reportPath },
    );
    expect(report).toMatchObject({ delimiter: ';', rows: 5, created: 2, skipped: 1, failed: 2, alreadyImported: 0 });
    expect(report.mapping.fields).toEqual({
      name: 'Full name',
      email: 'E-mail',
      phone: 'Mobile',
      company: 'Organisation',
      source: 'Lead Source',
      notes: 'Comments',
      rating: 'Score',
      'customFields.industry': 'Industry',
    });
    const leads = (await leadCreated(store)).sort((a, b) => a.name.localeCompare(b.name));
    expect(
      leads.map((lead) => [
        lead.name,
        lead.email,
        lead.phone,
        lead.company,
        lead.source,
        lead.notes,
        lead.rating,
        lead.customFields,
      ]),
    ).toEqual([
      [
        'Ada Lovelace',
        'ada@example.com',
        '+442079460001',
        'Analytical; Engines',
        'Website',
        'Met at "the fair"\nwants a call',
        // A 1–5 score from an older export reads as hot / warm / cold (5 is hot).
        'hot',
        { industry: 'Software' },
      ],
      ['Bob Byte', 'bob@example.com', null, 'Byte Ltd', 'Referral', null, 'warm', { industry: 'Retail' }],
    ]);
    expect(report.duplicates).toEqual([
      { row: 5, leadId: expect.any(String), candidates: [leads[0]?.leadId], action: 'skipped' },
    ]);
    expect(report.errors.map((error) => [error.row, error.field, error.rule])).toEqual([
      [4, 'email', 'email-or-phone'],
      [6, 'rating', 'one-of:hot,warm,cold'],
      [6, 'email', 'email-format'],
      [6, 'phone', 'length'],
      [6, 'source', 'known-source'],
      [6, 'customFields.industry', 'must-be-option'],
    ]);
    const csv = readFileSync(reportPath, 'utf8').split('\n');
    expect(csv[0]).toBe('row,field,code,rule,message');
    expect(csv[1]).toMatch(/^4,email,VALIDATION_FAILED,email-or-phone,/);
    expect(csv).toContain('6,email,VALIDATION_FAILED,email-format,"""eve@@example"" is not an email address."');
  });

  it('applies the duplicate policy to matches within the file and against existing leads', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    await leadline.leads.create(
      { leadId: LeadId('existing'), fields: { name: 'Existing', email: 'old@example.com', source: 'Website' } },
      acting(),
    );
    const text = [
      'Name,Email,Phone,Company',
      'One,one@example.com,,',
      'Two,old@example.com,,Two Ltd',
      'Three,,+44 7700 900100,',
      'Four,ONE@example.com,07700 900100,Four Co',
    ].join('\n');
    const skip = await leadline.intake.importCsv({ text }, { acting: acting(), duplicates: 'skip' });
    expect(skip).toMatchObject({ created: 2, skipped: 2 });
    expect(skip.duplicates.map((duplicate) => [duplicate.row, duplicate.action, duplicate.candidates.length])).toEqual([
      [3, 'skipped', 1],
      [5, 'skipped', 2],
    ]);

    const keep = await leadline.intake.importCsv({ text: `${text}\n` }, { acting: acting(), duplicates: 'keep' });
    expect(keep).toMatchObject({ created: 0, kept: 4 });
    const merge = await leadline.intake.importCsv({ text: `${text}\n\n` }, { acting: acting(), duplicates: 'merge' });
    expect(merge).toMatchObject({ merged: 4 });
    const existing = await typesOf(store, leadStream(LeadId('existing')));
    expect(existing.filter((type) => type === 'LeadMerged')).toHaveLength(1);
  });

  it('dry-runs: reports what a run would do and writes nothing', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    await leadline.leads.create(
      { leadId: LeadId('existing'), fields: { name: 'Existing', email: 'old@example.com', source: 'Website' } },
      acting(),
    );
    const head = await store.headPosition();
    const text = [
      'Name,Email,Source',
      'A,a@example.com,Website',
      'B,old@example.com,Website',
      'C,a@example.com,Website',
      'D,,Website',
      'E,e@example.com,Nowhere',
    ].join('\n');
    const dry = await leadline.intake.importCsv({ text }, { acting: acting(), dryRun: true });
    expect(await store.headPosition()).toBe(head);
    const real = await leadline.intake.importCsv({ text }, { acting: acting() });
    const counts = ({ rows, created, skipped, merged, kept, failed, errors, duplicates }: typeof dry) => ({
      rows,
      created,
      skipped,
      merged,
      kept,
      failed,
      errors,
      duplicates,
    });
    expect(counts(dry)).toEqual(counts(real));
    expect(dry).toMatchObject({ dryRun: true, rows: 5, created: 1, skipped: 2, failed: 2 });
    const refused = await leadline.intake.importCsv(
      { text },
      { acting: acting(clerk), dryRun: true, duplicates: 'merge' },
    );
    expect(refused.errors.filter((error) => error.code === 'PERMISSION_DENIED').map((error) => error.row)).toEqual([
      3, 4,
    ]);
  });

  it('creates no lead twice when an interrupted import is run again, and reports progress', async () => {
    const faulty = withFaults(await open());
    const { leadline } = await openWithOrganisation(faulty);
    const rows = Array.from(
      { length: 60 },
      (_, index) => `Lead ${index},lead${index}@example.com,+44 7700 9${String(index).padStart(5, '0')},Website`,
    );
    const path = file('sixty.csv', ['Name,Email,Phone,Source', ...rows].join('\n'));
    let appends = 0;
    faulty.failNextAppend((stream) => stream.startsWith('lead-') && ++appends === 30);
    await expect(leadline.intake.importCsv({ path }, { acting: acting(), batchSize: 10 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    // The third batch's write (holding the 30th lead) failed whole: the first two batches stand.
    const firstRun = (await leadCreated(faulty)).length;
    expect(firstRun).toBe(20);

    const progress: ImportProgress[] = [];
    const rerun = await leadline.intake.importCsv(
      { path },
      { acting: acting(), onProgress: (step) => progress.push(step), progressEveryMs: 0 },
    );
    expect(rerun.created + rerun.alreadyImported).toBe(60);
    expect(rerun.alreadyImported).toBe(firstRun);
    const leads = await leadCreated(faulty);
    expect(leads).toHaveLength(60);
    expect(new Set(leads.map((lead) => lead.email)).size).toBe(60);
    expect(progress.at(-1)).toMatchObject({
      rowsDone: 60,
      rowsTotal: 60,
      finished: true,
      bytesTotal: readFileSync(path).length,
    });
    expect(progress.map((step) => step.rowsDone)).toEqual(
      [...progress.map((step) => step.rowsDone)].sort((a, b) => a - b),
    );
  });
});

describe('CSV import: mapping and format', () => {
  const setup = () => openWithOrganisation(createMemoryEventStore());

  it('maps custom field columns by label: multiple choices from text, retired fields left unmapped', async () => {
    const { leadline, store } = await setup();
    await leadline.organisations.defineField(
      { field: { key: 'channels', label: 'Preferred channels', type: 'multiselect', options: ['Email', 'Phone'] } },
      acting(),
    );
    await leadline.organisations.defineField({ field: { key: 'legacy', label: 'Legacy', type: 'text' } }, acting());
    await leadline.organisations.retireField({ key: 'legacy' }, acting());
    const text =
      'Name,Email,Preferred channels,Legacy\nAda,ada@example.com,phone; email,old\nBob,bob@example.com,Fax,\n';
    const report = await leadline.intake.importCsv({ text }, { acting: acting(), defaultSource: 'Event' });
    expect(report.mapping.fields['customFields.channels']).toBe('Preferred channels');
    expect(report.mapping.unmapped).toEqual(['Legacy']);
    expect(report.errors.map((error) => [error.field, error.rule])).toEqual([
      ['customFields.channels', 'must-be-options'],
    ]);
    expect((await leadCreated(store)).map((lead) => [lead.name, lead.customFields])).toEqual([
      ['Ada', { channels: ['Email', 'Phone'] }],
    ]);
  });

  it('takes explicit mappings, joins first and last names, and ignores columns mapped to null', async () => {
    const { leadline, store } = await setup();
    const text =
      'First Name,Surname,Contact email,Work phone,Company\nAda,Lovelace,ada@example.com,020 7946 0002,Engines\n';
    const report = await leadline.intake.importCsv(
      { text },
      { acting: acting(), mapping: { email: 'Contact email', phone: null }, defaultSource: 'Event' },
    );
    expect(report.mapping).toEqual({
      fields: { firstName: 'First Name', lastName: 'Surname', email: 'Contact email', company: 'Company' },
      unmapped: ['Work phone'],
    });
    expect((await leadCreated(store)).map((lead) => [lead.name, lead.email, lead.phone, lead.source])).toEqual([
      ['Ada Lovelace', 'ada@example.com', null, 'Event'],
    ]);
  });

  it('refuses a file it cannot map or parse, before writing anything', async () => {
    const { leadline, store } = await setup();
    const head = await store.headPosition();
    await expect(
      leadline.intake.importCsv({ text: 'Email,Phone\na@example.com,\n' }, { acting: acting() }),
    ).rejects.toMatchObject({ code: 'INVALID_MAPPING', field: 'name' });
    await expect(
      leadline.intake.importCsv(
        { text: 'Name,Email\nA,a@example.com\n' },
        { acting: acting(), mapping: { email: 'Mail' } },
      ),
    ).rejects.toMatchObject({ rule: 'header-exists' });
    await expect(
      leadline.intake.importCsv(
        { text: 'Name,Email\nA,a@example.com\n' },
        { acting: acting(), mapping: { customFields: { size: 'Email' } } },
      ),
    ).rejects.toMatchObject({ rule: 'known-custom-field' });
    await expect(leadline.intake.importCsv({ text: '' }, { acting: acting() })).rejects.toMatchObject({
      rule: 'header-row',
    });
    await expect(
      leadline.intake.importCsv({ text: 'Name\nA\n' }, { acting: acting({ ...owner, orgId: OrgId('nowhere') }) }),
    ).rejects.toMatchObject({ code: 'INVALID_CSV', rule: 'organisation-exists' });
    await expect(
      leadline.intake.importCsv({ text: 'Name,Email\n"A,a@example.com\n' }, { acting: acting() }),
    ).rejects.toMatchObject({ field: 'file', rule: 'CSV_QUOTE_NOT_CLOSED' });
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses a file that is not UTF-8 unless its encoding is named, then imports it unmangled', async () => {
    const { leadline, store } = await setup();
    const head = await store.headPosition();
    const text = 'Name,Email,Company,Source\nJosé Núñez,jose@example.com,Société Générale,Website\n';
    const latin1 = file('latin1.csv', '');
    writeFileSync(latin1, iconv.encode(text, 'latin1'));
    await expect(leadline.intake.importCsv({ path: latin1 }, { acting: acting() })).rejects.toMatchObject({
      code: 'INVALID_ENCODING',
      field: 'encoding',
      rule: 'utf-8',
    });
    const utf16 = iconv.encode(`\uFEFF${text}`, 'utf-16le');
    await expect(leadline.intake.importCsv({ text: utf16 }, { acting: acting() })).rejects.toMatchObject({
      code: 'INVALID_ENCODING',
    });
    await expect(
      leadline.intake.importCsv(
        { text: iconv.encode('Name,Email\nA,a@example.com\n', 'utf-16le') },
        { acting: acting() },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ENCODING', rule: 'no-nul' });
    await expect(
      leadline.intake.importCsv({ path: latin1 }, { acting: acting(), encoding: 'klingon-8' }),
    ).rejects.toMatchObject({ code: 'INVALID_ENCODING', rule: 'known-encoding' });
    expect(await store.headPosition()).toBe(head);

    const report = await leadline.intake.importCsv({ path: latin1 }, { acting: acting(), encoding: 'latin1' });
    expect(report).toMatchObject({ created: 1, failed: 0 });
    const fromUtf16 = await leadline.intake.importCsv(
      { text: iconv.encode(text.replace('jose@', 'jose2@'), 'utf-16le') },
      { acting: acting(), encoding: 'utf-16le', duplicates: 'keep' },
    );
    expect(fromUtf16).toMatchObject({ created: 1, failed: 0 });
    expect((await leadCreated(store)).map((lead) => [lead.name, lead.company])).toEqual([
      ['José Núñez', 'Société Générale'],
      ['José Núñez', 'Société Générale'],
    ]);
    // UTF-8 with a byte order mark is UTF-8.
    const bom = await leadline.intake.importCsv(
      { text: Buffer.from(`\uFEFF${text.replace('jose@', 'jose3@')}`, 'utf8') },
      { acting: acting() },
    );
    expect(bom).toMatchObject({ created: 1 });
  });

  it('fails a streamed import at its first byte that is not UTF-8', async () => {
    const { leadline } = await setup();
    const stream = Readable.from([
      Buffer.from('Name,Email,Source\nA,a@example.com,Website\n'),
      iconv.encode('Zoë,zoe@example.com,Website\n', 'latin1'),
    ]);
    await expect(
      leadline.intake.importCsv({ stream, importId: 'upload-latin1' }, { acting: acting() }),
    ).rejects.toMatchObject({ code: 'INVALID_ENCODING' });
  });

  it("imports a stream under the caller's import id, rerun-safe", async () => {
    const { leadline, store } = await setup();
    const text = 'Name,Email,Source\nA,a@example.com,Website\nB,b@example.com,Website\n';
    const stream = () => Readable.from([Buffer.from(text.slice(0, 20)), Buffer.from(text.slice(20))]);
    const first = await leadline.intake.importCsv({ stream: stream(), importId: 'upload-1' }, { acting: acting() });
    const again = await leadline.intake.importCsv({ stream: stream(), importId: 'upload-1' }, { acting: acting() });
    expect(first).toMatchObject({ importId: 'upload-1', created: 2 });
    expect(again).toMatchObject({ created: 0, alreadyImported: 2 });
    expect(await leadCreated(store)).toHaveLength(2);
  });
});
