// `leadline fields` and `lead create/update --field` in-process on a scratch SQLite file: custom fields
// defined, changed, retired and laid out, values given by label, and bad input refused.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

const scratch = scratchDirectory('cli-fields');
const run = (...args: string[]) =>
  runCliInProcess([...args, '--store', `sqlite:${join(scratch.path, 'leadline.db')}`], scratch.path);
afterAll(() => scratch.remove());

describe('leadline fields', () => {
  it('defines, lists, changes, retires and lays out fields; leads take values by label', async () => {
    // The first lead sets the organisation up.
    expect((await run('lead', 'create', '--id', 'first', '--name', 'First', '--email', 'f@example.com')).code).toBe(0);
    const tier = await run(
      'fields',
      'define',
      'tier',
      '--label',
      'Tier',
      '--type',
      'select',
      '--options',
      'Gold,Silver',
      '--required',
    );
    expect(tier.code).toBe(0);
    expect(tier.stdout).toContain('CustomFieldDefined');
    expect(
      (
        await run(
          'fields',
          'define',
          'channels',
          '--label',
          'Channels',
          '--type',
          'multiselect',
          '--options',
          'Email,Phone',
        )
      ).code,
    ).toBe(0);
    const dup = await run('fields', 'define', 'tier', '--label', 'Again', '--json');
    expect(dup.code).toBe(1);
    expect(JSON.parse(dup.stderr)).toMatchObject({ error: { field: 'field.key', rule: 'new-field-key' } });

    const missing = await run('lead', 'create', '--id', 'ada', '--name', 'Ada', '--email', 'ada@example.com', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { field: 'customFields.tier', rule: 'required' } });
    const created = await run(
      'lead',
      'create',
      '--id',
      'ada',
      '--name',
      'Ada',
      '--email',
      'ada@example.com',
      '--field',
      'tier=gold',
      '--field',
      'Channels=phone; email',
    );
    expect(created.code).toBe(0);
    const unknown = await run('lead', 'update', 'ada', '--field', 'Colour=red', '--json');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { field: '--field', rule: 'known-field' } });
    expect((await run('lead', 'update', 'ada', '--field', 'Tier=Silver')).code).toBe(0);

    expect((await run('fields', 'change', 'tier', '--label', 'Level', '--optional')).code).toBe(0);
    expect(
      (await run('fields', 'layout', '--section', 'Deal:tier,estimatedValue', '--hide', 'notes,rating')).code,
    ).toBe(0);
    const badLayout = await run('fields', 'layout', '--hide', 'name', '--json');
    expect(badLayout.code).toBe(1);
    expect(JSON.parse(badLayout.stderr)).toMatchObject({ error: { field: 'layout.hidden.0', rule: 'not-required' } });

    const shown = await run('lead', 'show', 'ada', '--no-mark-read');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('[Deal]');
    expect(shown.stdout).toMatch(/Level\s*│?\s*Silver/u);
    expect(shown.stdout).toContain('Email, Phone');
    expect(shown.stdout).not.toContain('Rating');

    expect((await run('fields', 'retire', 'channels')).code).toBe(0);
    const listed = jsonOf<{
      custom: { key: string; label: string; retired?: boolean }[];
      layout: { hidden: string[] };
    }>(await run('fields', 'list', '--json'));
    expect(listed.custom).toEqual([
      expect.objectContaining({ key: 'tier', label: 'Level' }),
      expect.objectContaining({ key: 'channels', retired: true }),
    ]);
    expect(listed.layout.hidden).toEqual(['notes', 'rating']);
  }, 120_000);
});
