// `leadline migrate encrypt-personal-data` on SQLite files, in process: a plain history sealed into a new
// file with a progress line, checked, resumable; the new file holds no personal value in plain.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, OrgId, UserId, type Actor } from '@leadline/domain';
import { openLeadline } from 'leadline';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

const scratch = scratchDirectory('cli-migrate');
const source = () => join(scratch.path, 'plain.db');
const target = () => join(scratch.path, 'sealed.db');
const admin: Actor = { userId: UserId('ada'), orgId: OrgId('acme'), kind: 'user', permissions: ALL_PERMISSIONS };

const bytesOf = (file: string): string =>
  [file, `${file}-wal`].map((path) => (existsSync(path) ? readFileSync(path).toString('latin1') : '')).join('');

afterAll(() => scratch.remove());

describe('leadline migrate encrypt-personal-data', () => {
  beforeAll(async () => {
    const plain = await openLeadline({ storeUrl: `sqlite:${source()}`, sealPersonalData: false });
    await plain.organisations.create({ orgId: admin.orgId, name: 'Acme' }, { actor: admin });
    const { leadId } = await plain.leads.create(
      { fields: { name: 'Grace Hopper', email: 'grace@navy.example', source: 'Referral' } },
      { actor: admin },
    );
    await plain.leads.logNote({ leadId, text: 'Talked COBOL for an hour' }, { actor: admin });
    await plain.close();
  });

  it('copies and verifies; a rerun copies nothing; the new file holds no personal value in plain', async () => {
    expect(bytesOf(source())).toContain('Talked COBOL');
    const migrated = await runCliInProcess(
      ['migrate', 'encrypt-personal-data', '--to', `sqlite:${target()}`, '--store', `sqlite:${source()}`, '--json'],
      scratch.path,
    );
    expect(migrated.code).toBe(0);
    const report = jsonOf<{ copied: number; verification: { ok: boolean; events: number } }>(migrated);
    expect(report).toMatchObject({ alreadyCopied: 0, verification: { ok: true } });
    expect(report.copied).toBe(report.verification.events);
    expect(bytesOf(target())).not.toMatch(/Grace Hopper|grace@navy|COBOL/);
    const again = await runCliInProcess(
      ['migrate', 'encrypt-personal-data', '--to', `sqlite:${target()}`, '--store', `sqlite:${source()}`],
      scratch.path,
    );
    expect([again.code, again.stdout]).toEqual([
      0,
      expect.stringContaining(`copied 0 events (${report.copied} copied by an earlier run)`),
    ]);
    const listed = await runCliInProcess(['leads', '--store', `sqlite:${target()}`, '--json'], scratch.path);
    expect(listed.stdout).toContain('Grace Hopper');
  });

  it('refuses a target that cannot hold keys, and a missing --to', async () => {
    const memory = await runCliInProcess(
      ['migrate', 'encrypt-personal-data', '--to', 'memory:', '--store', `sqlite:${source()}`],
      scratch.path,
    );
    expect([memory.code, memory.stderr]).toEqual([1, expect.stringContaining('sqlite: or postgres://')]);
    const missing = await runCliInProcess(
      ['migrate', 'encrypt-personal-data', '--store', `sqlite:${source()}`],
      scratch.path,
    );
    expect(missing.code).toBe(2);
  });
});
