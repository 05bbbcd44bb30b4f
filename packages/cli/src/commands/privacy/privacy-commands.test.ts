// `leadline erase` and `leadline contact-export` on a SQLite file, in process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

const scratch = scratchDirectory('cli-privacy');
const file = () => join(scratch.path, 'leadline.db');
const cli = (...args: string[]) => runCliInProcess([...args, '--store', `sqlite:${file()}`], scratch.path);

afterAll(() => scratch.remove());

describe('leadline erase and contact-export', () => {
  let leadId = '';

  beforeAll(async () => {
    const created = await cli('lead', 'create', '--name', 'Grace Hopper', '--email', 'grace@navy.example', '--json');
    expect(created.code).toBe(0);
    leadId = jsonOf<{ leadId: string }>(created).leadId;
    expect((await cli('lead', 'note', leadId, 'Talked COBOL for an hour')).code).toBe(0);
  });

  it('refuses no selector or two, and a missing reason, writing nothing', async () => {
    const none = await cli('erase', '--reason', 'asked');
    expect([none.code, none.stderr]).toEqual([
      1,
      expect.stringContaining('exactly one of --lead, --client, --email and --phone'),
    ]);
    expect((await cli('erase', '--lead', leadId, '--email', 'grace@navy.example', '--reason', 'asked')).code).toBe(1);
    expect((await cli('erase', '--lead', leadId)).code).toBe(2);
    const exported = jsonOf<{ erased: boolean; details: { name: string } }>(
      await cli('contact-export', leadId, '--json'),
    );
    expect(exported).toMatchObject({ erased: false, details: { name: 'Grace Hopper' } });
  });

  it('erases by email: the export shows [erased], the journey verifies, the file holds no value', async () => {
    const erased = await cli('erase', '--email', 'GRACE@navy.example', '--reason', 'Asked to be forgotten', '--json');
    expect(jsonOf(erased)).toEqual({ leadIds: [leadId], clientIds: [], newlyErased: 1 });
    const exported = await cli('contact-export', leadId, '--json');
    expect(jsonOf(exported)).toMatchObject({ erased: true, details: { name: '[erased]', email: '[erased]' } });
    expect(exported.stdout).not.toMatch(/Grace|COBOL/);
    const audit = await cli('audit', leadId, '--verify');
    expect([audit.code, audit.stdout]).toEqual([0, expect.stringContaining('journey verified')]);
    const again = await cli('erase', '--lead', leadId, '--reason', 'again');
    expect(again.stdout).toContain('0 newly');
    const bytes = [file(), `${file()}-wal`].map((path) => {
      try {
        return readFileSync(path).toString('latin1');
      } catch {
        return '';
      }
    });
    expect(bytes.join('')).not.toMatch(/Grace Hopper|grace@navy|COBOL/);
  });

  it('sets, shows and applies the retention policy; refuses bad months and a run with no policy', async () => {
    expect(jsonOf(await cli('retention', 'policy', '--json'))).toEqual({ lostLeadsAfterMonths: null });
    const noPolicy = await cli('retention', 'apply');
    expect([noPolicy.code, noPolicy.stderr]).toEqual([1, expect.stringContaining('no retention policy')]);
    const bad = await cli('retention', 'set', '0');
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('lostLeadsAfterMonths')]);
    expect((await cli('retention', 'set', 'soon')).code).toBe(1);
    expect(jsonOf(await cli('retention', 'set', '24', '--json'))).toEqual({ lostLeadsAfterMonths: 24, changed: true });
    expect((await cli('retention', 'set', '24')).stdout).toContain('(unchanged)');
    expect((await cli('retention', 'policy')).stdout).toContain('24 months after they were lost');
    expect(jsonOf(await cli('retention', 'apply', '--json'))).toEqual({
      leadIds: [],
      newlyErased: 0,
      lostLeadsAfterMonths: 24,
    });
    expect(jsonOf(await cli('retention', 'set', 'off', '--json'))).toEqual({
      lostLeadsAfterMonths: null,
      changed: true,
    });
  });
});
