// `leadline clients` in-process on a scratch SQLite file: conversion records the client, create, import,
// list and search, show, a client's leads, and refusals that name the field.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

const scratch = scratchDirectory('cli-clients');
const run = (...args: string[]) =>
  runCliInProcess([...args, '--store', `sqlite:${join(scratch.path, 'leadline.db')}`], scratch.path);
afterAll(() => scratch.remove());

interface Listed {
  items: { clientId: string; name: string | null; origin: string }[];
  nextCursor: string | null;
}

describe('leadline clients', () => {
  it('records clients by conversion, directly and by import; lists, searches, shows them and their leads', async () => {
    for (const id of ['ada', 'bob', 'cy'])
      expect(
        (
          await run(
            'lead',
            'create',
            '--id',
            id,
            '--name',
            `Lead ${id}`,
            '--source',
            'Website',
            '--email',
            `${id}@x.example`,
          )
        ).code,
      ).toBe(0);
    expect((await run('lead', 'convert', 'ada', '--client', 'engines')).code).toBe(0);
    const taken = await run('lead', 'convert', 'bob', '--client', 'engines', '--json');
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.stderr)).toMatchObject({ error: { field: 'clientId', rule: 'new-client-id' } });
    const unknown = await run('lead', 'convert', 'bob', '--client', 'ghost', '--merged', '--json');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { field: 'clientId', rule: 'existing-client' } });
    expect((await run('lead', 'convert', 'bob', '--client', 'engines', '--merged')).code).toBe(0);

    expect(
      (await run('clients', 'create', '--id', 'initech', '--name', 'Initech', '--company', 'Initech Corp')).code,
    ).toBe(0);
    writeFileSync(
      join(scratch.path, 'clients.csv'),
      'Name,Email,Company\nZoë Ålander,zoe@alander.example,Ålander AB\nBad,not-an-email,\n',
    );
    const imported = await run('clients', 'import', 'clients.csv', '--json');
    expect(imported.code).toBe(0);
    expect(jsonOf<{ created: number; failed: number }>(imported)).toMatchObject({ created: 1, failed: 1 });

    const list = jsonOf<Listed>(await run('clients', 'list', '--limit', '2', '--json'));
    expect(list.items.map((client) => client.name)).toEqual(['Initech', 'Lead ada']);
    const next = jsonOf<Listed>(await run('clients', 'list', '--after', list.nextCursor ?? '', '--json'));
    expect(next.items.map((client) => client.name)).toEqual(['Zoë Ålander']);
    const found = jsonOf<Listed>(await run('clients', 'list', '--search', 'alander', '--json'));
    expect(found.items.map((client) => client.origin)).toEqual(['import']);

    const shown = await run('clients', 'show', 'engines');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('conversion of lead ada');
    expect((await run('clients', 'link', 'engines', 'cy')).code).toBe(0);
    const unknownLink = await run('clients', 'link', 'ghost', 'cy', '--json');
    expect(JSON.parse(unknownLink.stderr)).toMatchObject({ error: { field: 'clientId', rule: 'existing-client' } });
    const leads = jsonOf<{ items: { leadId: string }[] }>(await run('clients', 'leads', 'engines', '--json'));
    expect(leads.items.map((lead) => lead.leadId)).toEqual(['ada', 'bob', 'cy']);
    const board = jsonOf<{ count: number }>(await run('pipeline', '--client', 'initech', '--json'));
    expect(board.count).toBe(0);
    const engines = jsonOf<{ count: number }>(await run('pipeline', '--client', 'engines', '--json'));
    expect(engines.count).toBe(3);
    const badLimit = await run('clients', 'list', '--limit', 'lots', '--json');
    expect(JSON.parse(badLimit.stderr)).toMatchObject({ error: { field: '--limit', rule: 'positive-integer' } });

    const missing = await run('clients', 'show', 'nobody', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { field: 'client' } });
    const blank = await run('clients', 'create', '--name', ' ', '--json');
    expect(blank.code).toBe(1);
    expect(JSON.parse(blank.stderr)).toMatchObject({ error: { field: 'name', rule: 'required' } });
  }, 120_000);
});
