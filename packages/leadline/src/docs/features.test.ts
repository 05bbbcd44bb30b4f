// docs/features.md names the test that proves each capability: every file it names must exist.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('docs/features.md', () => {
  it('names only test files that exist', () => {
    const page = readFileSync(join(ROOT, 'docs', 'features.md'), 'utf8');
    const named = [...page.matchAll(/`((?:packages|examples)\/[^`]+)`/g)].map((match) => match[1] ?? '');
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
