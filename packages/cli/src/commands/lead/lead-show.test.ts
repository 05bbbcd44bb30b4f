// `leadline lead show` in-process on a scratch SQLite file: the page of a lead, unread until its owner
// opens it, --no-mark-read, --json, and a lead the user may not see.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

const scratch = scratchDirectory('cli-lead-show');
const run = (...args: string[]) =>
  runCliInProcess([...args, '--store', `sqlite:${join(scratch.path, 'leadline.db')}`], scratch.path);
const asRita = ['--as-user', 'rita', '--role', 'rep'];
afterAll(() => scratch.remove());

interface Shown {
  lead: {
    name: string;
    unread: boolean;
    rating: string;
    latestNotes: { text: string }[];
    journeyHead: { seq: number };
  };
  markedRead: boolean;
}

describe('leadline lead show', () => {
  it('shows every field, marks the lead read for its owner, and hides it from others', async () => {
    const created = await run(
      'lead',
      'create',
      '--id',
      'ada',
      '--name',
      'Ada Lovelace',
      '--email',
      'ada@example.com',
      '--source',
      'Referral',
      '--owner',
      'rita',
      '--rating',
      'Hot',
      '--value',
      '12500 EUR',
      '--sale-date',
      '2027-03-01',
    );
    expect(created.code).toBe(0);
    expect((await run('lead', 'note', 'ada', 'Wants a demo', '--outcome', 'CONNECTED')).code).toBe(0);

    const peek = await run('lead', 'show', 'ada', '--no-mark-read', '--json', ...asRita);
    expect(peek.code).toBe(0);
    expect(jsonOf<Shown>(peek)).toMatchObject({ lead: { unread: true, rating: 'hot' }, markedRead: false });

    const first = await run('lead', 'show', 'ada', ...asRita);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('was unread (now read)');
    expect(first.stdout).toContain('12,500 EUR');
    expect(first.stdout).toContain('2027-03-01');
    expect(first.stdout).toContain('Wants a demo');

    const again = jsonOf<Shown>(await run('lead', 'show', 'ada', '--json', ...asRita));
    expect(again).toMatchObject({
      lead: { unread: false, latestNotes: [{ text: 'Wants a demo' }] },
      markedRead: false,
    });

    // Someone else changes it: unread for Rita again.
    expect((await run('lead', 'update', 'ada', '--company', 'Engines Ltd')).code).toBe(0);
    expect(jsonOf<Shown>(await run('lead', 'show', 'ada', '--json', ...asRita)).lead.unread).toBe(true);

    const hidden = await run('lead', 'show', 'ada', '--json', '--as-user', 'bob', '--role', 'rep');
    expect(hidden.code).toBe(1);
    expect(JSON.parse(hidden.stderr)).toMatchObject({ error: { code: 'NOT_FOUND', field: 'lead' } });
    const badNotes = await run('lead', 'show', 'ada', '--notes', 'many', '--json');
    expect(badNotes.code).toBe(1);
    expect(JSON.parse(badNotes.stderr)).toMatchObject({ error: { field: 'notes' } });
  }, 120_000);
});
