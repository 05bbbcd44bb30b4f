// `leadline views`, `leadline leads`, `leadline export --view` and `leadline email send --view`,
// in-process on a scratch SQLite file, as a user types them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

const scratch = scratchDirectory('cli-views');
const run = (...args: string[]) =>
  runCliInProcess([...args, '--store', `sqlite:${join(scratch.path, 'leadline.db')}`], scratch.path);
afterAll(() => scratch.remove());

const create = (id: string, name: string, rating: string, extra: string[] = []) =>
  run(
    'lead',
    'create',
    '--id',
    id,
    '--name',
    name,
    '--email',
    `${id}@example.com`,
    '--source',
    'Website',
    '--rating',
    rating,
    ...extra,
  );

describe('leadline views and leads', () => {
  it('saves a view, lists leads through it with sort and filter, exports it and emails it', async () => {
    expect((await create('ada', 'Ada Lovelace', 'hot', ['--company', '=SUM(A1)'])).code).toBe(0);
    expect((await create('bob', 'Bob Babbage', 'cold')).code).toBe(0);
    expect((await create('cyd', 'Cyd Charisse', 'Warm', ['--phone', '+44 20 7946 0003'])).code).toBe(0);

    const saved = await run(
      'views',
      'create',
      'Hot',
      '--columns',
      'name,rating',
      '--sort',
      'rating:desc',
      '--filter',
      'rating in hot,warm',
    );
    expect(saved.code).toBe(0);
    const listed = await run('views', 'list');
    expect(listed.stdout).toContain('Next calls this week');
    expect(listed.stdout).toContain('Hot');

    const hot = jsonOf<{ items: { leadId: string; values: { rating: string } }[] }>(
      await run('leads', '--view', 'hot', '--json'),
    );
    expect(hot.items.map((item) => [item.leadId, item.values.rating])).toEqual([
      ['ada', 'hot'],
      ['cyd', 'warm'],
    ]);
    const adHoc = jsonOf<{ items: { leadId: string }[]; nextCursor: string }>(
      await run('leads', '--sort', 'name:desc', '--limit', '2', '--json'),
    );
    expect(adHoc.items.map((item) => item.leadId)).toEqual(['cyd', 'bob']);
    const rest = jsonOf<{ items: { leadId: string }[] }>(
      await run('leads', '--sort', 'name:desc', '--limit', '2', '--cursor', adHoc.nextCursor, '--json'),
    );
    expect(rest.items.map((item) => item.leadId)).toEqual(['ada']);
    const table = await run('leads', '--view', 'Hot');
    expect(table.stdout).toContain('Ada Lovelace');

    expect((await run('export', '--view', 'Hot', '--out', 'hot.csv')).code).toBe(0);
    expect(readFileSync(join(scratch.path, 'hot.csv'), 'utf8').split('\r\n')).toEqual([
      'Lead id,Name,Rating,Email,Phone',
      'ada,Ada Lovelace,hot,ada@example.com,',
      "cyd,Cyd Charisse,warm,cyd@example.com,'+442079460003",
      '',
    ]);

    writeFileSync(join(scratch.path, 'hello.txt'), 'Subject: Hello {{name}}\n\nA word for hot leads.\n');
    const sent = jsonOf<{ queued: { leadId: string }[] }>(
      await run('email', 'send', '--template', 'hello.txt', '--view', 'Hot', '--json'),
    );
    expect(sent.queued.map((email) => email.leadId).sort()).toEqual(['ada', 'cyd']);

    expect((await run('views', 'delete', 'Hot')).code).toBe(0);
    expect((await run('views', 'show', 'Hot')).code).not.toBe(0);
  });

  it('refuses a bad filter and an unknown view with the field named', async () => {
    const bad = await run('leads', '--filter', 'rating contains ho');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('filters.0.op');
    const unknown = await run('leads', '--view', 'Nope');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('view');
    expect((await run('views', 'delete', 'Pool')).stderr).toContain('system');
  });
});
