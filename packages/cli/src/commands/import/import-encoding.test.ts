// `leadline import` refuses a file that is not UTF-8 with INVALID_ENCODING (nothing written) and
// imports it unmangled once --encoding names its encoding.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

const scratch = scratchDirectory('import-encoding');
afterAll(() => scratch.remove());
const cli = (...args: string[]) =>
  runCliInProcess([...args, '--store', `sqlite:${join(scratch.path, 'leadline.db')}`], scratch.path);

it('refuses a Latin-1 file unless --encoding names it', async () => {
  writeFileSync(
    join(scratch.path, 'latin1.csv'),
    iconv.encode('Name,Email,Company\nJosé Núñez,jose@example.com,Société Générale\n', 'latin1'),
  );
  const refused = await cli('import', 'latin1.csv');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('INVALID_ENCODING');
  expect(refused.stderr).toContain('--encoding');
  const imported = await cli('import', 'latin1.csv', '--encoding', 'latin1', '--json');
  expect(imported.code).toBe(0);
  expect(jsonOf<{ created: number }>(imported).created).toBe(1);
  const found = await cli('search', 'Núñez', '--json');
  expect(found.stdout).toContain('Société Générale');
});
