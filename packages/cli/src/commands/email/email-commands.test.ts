// `leadline email` in-process on a scratch SQLite file: queue with skips reported, opt-out, bad input.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

const scratch = scratchDirectory('cli-email');
const run = (...args: string[]) =>
  runCliInProcess([...args, '--store', `sqlite:${join(scratch.path, 'leadline.db')}`], scratch.path);
afterAll(() => scratch.remove());

describe('leadline email', () => {
  it('queues a template per lead, reports the skipped ones, and refuses a bad template or no SMTP', async () => {
    const lead = async (id: string, ...contact: string[]) =>
      expect(
        (await run('lead', 'create', '--id', id, '--name', `Lead ${id}`, '--source', 'Website', ...contact)).code,
      ).toBe(0);
    await lead('ada', '--email', 'ada@example.com');
    await lead('bob', '--phone', '+442079460958');
    await lead('cy', '--email', 'cy@example.com');
    expect((await run('email', 'opt-out', 'cy', '--reason', 'Asked by phone')).code).toBe(0);
    writeFileSync(join(scratch.path, 'hello.txt'), 'Subject: Hello {{name}}\n\nDear {{name}},\nhello.\n');
    writeFileSync(join(scratch.path, 'bad.txt'), 'Subject: Hi {{firstName}}\n\nx\n');
    writeFileSync(join(scratch.path, 'no-subject.txt'), 'Dear {{name}}\n');

    const sent = await run('email', 'send', '--template', 'hello.txt', '--leads', 'ada', 'bob', 'cy', '--json');
    expect(sent.code).toBe(0);
    const result = jsonOf<{ queued: { leadId: string }[]; skipped: { leadId: string; rule: string }[] }>(sent);
    expect(result.queued.map((email) => email.leadId)).toEqual(['ada']);
    expect(result.skipped.map((skip) => `${skip.leadId}:${skip.rule}`)).toEqual(['bob:has-email', 'cy:not-opted-out']);
    const journey = await run('journey', 'ada', '--json');
    expect(journey.stdout).toContain('Email queued to ada@example.com: \\"Hello Lead ada\\"');

    const bad = await run('email', 'send', '--template', 'bad.txt', '--leads', 'ada', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { field: 'template.subject', rule: 'known-merge-field' } });
    const noSubject = await run('email', 'send', '--template', 'no-subject.txt', '--leads', 'ada');
    expect(noSubject.code).toBe(1);
    expect(noSubject.stderr).toContain('Subject:');
    const noSmtp = await run('email', 'dispatch', '--json');
    expect(noSmtp.code).toBe(1);
    expect(JSON.parse(noSmtp.stderr)).toMatchObject({ error: { field: 'LEADLINE_SMTP_URL' } });
  }, 120_000);
});
