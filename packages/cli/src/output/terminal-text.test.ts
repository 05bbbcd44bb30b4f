// Safe terminal output: what a lead's name or a note holds is shown, never obeyed, in every output the
// CLI prints (tables, journeys, charts, errors, JSON). Hostile text is put in the store as a raw event,
// as an older version or another writer may have left it, so the test does not lean on input validation.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openSqliteEventStore, type EventStore } from 'leadline';
import { runCliInProcess, scratchDirectory } from '../test-support/spawn-cli.js';
import { renderBarChart } from './bar-chart.js';
import { toJson } from './io.js';
import { renderPairs, renderTable } from './table.js';
import { terminalSafe } from './terminal-text.js';

const HOSTILE = 'Eve \u001b[31mRed\u001b[0m \u009b2J \u0007\u202emoc.evil\u202c \u001b]52;c;cHduZWQ=\u0007';
/** What a terminal would act on: ESC, C1 CSI, BEL, the bidi override. */
const ACTIVE = new RegExp(['\\u001b', '\\u009b', '\\u0007', '\\u202e'].join('|'));

describe('terminalSafe', () => {
  it('shows control characters, escape sequences and bidi overrides as visible escapes', () => {
    expect(terminalSafe(HOSTILE)).toBe(
      'Eve \\x1b[31mRed\\x1b[0m \\x9b2J \\x07\\u202emoc.evil\\u202c \\x1b]52;c;cHduZWQ=\\x07',
    );
    expect(terminalSafe('Zoë Ålander, 東京')).toBe('Zoë Ålander, 東京');
  });

  it('keeps a field on one line, and newlines and tabs of a whole output', () => {
    expect(terminalSafe('a\nb\tc\rd')).toBe('a\\x0ab\\x09c\\x0dd');
    expect(terminalSafe('a\nb\tc\rd', { multiline: true })).toBe('a\nb\tc\\x0dd');
  });

  it('escapes every field of tables, pairs and charts, and keeps JSON the same value', () => {
    expect(renderTable(['name'], [[HOSTILE]])).not.toMatch(ACTIVE);
    expect(renderPairs([[HOSTILE, HOSTILE]])).not.toMatch(ACTIVE);
    expect(renderBarChart([{ label: HOSTILE, value: 1 }])).not.toMatch(ACTIVE);
    const json = toJson({ name: HOSTILE });
    expect(json).not.toMatch(ACTIVE);
    expect(JSON.parse(json)).toEqual({ name: HOSTILE });
  });
});

describe('the CLI prints hostile lead fields escaped', () => {
  const scratch = scratchDirectory('terminal');
  const file = join(scratch.path, 'leadline.db');
  const cli = (...args: string[]) => runCliInProcess([...args, '--store', `sqlite:${file}`], scratch.path);

  beforeAll(async () => {
    const created = await cli('lead', 'create', '--name', 'Plain', '--email', 'plain@example.com', '--json');
    expect(created.code).toBe(0);
    const store = openSqliteEventStore({ file });
    try {
      let template: Parameters<EventStore['append']>[1][number] | undefined;
      for await (const event of store.readAll({ filter: { eventTypes: ['LeadCreated'] } })) template = event;
      if (template === undefined) throw new Error('The CLI created no lead.');
      const leadId = 'hostile-lead';
      await store.append(`lead-${leadId}`, [
        {
          eventId: '00000000-0000-4000-8000-0000000000ee',
          type: 'LeadCreated',
          data: { ...Object(template.data), leadId, name: HOSTILE, email: 'eve@example.com', company: HOSTILE },
          metadata: template.metadata,
        },
      ]);
    } finally {
      await store.dispose();
    }
  });
  afterAll(() => scratch.remove());

  it.each([
    ['search', ['search', 'Eve']],
    ['journey', ['journey', 'hostile-lead']],
    ['pipeline', ['pipeline']],
    ['export', ['export', 'leads']],
    ['search --json', ['search', 'Eve', '--json']],
  ])('%s', async (_name, args) => {
    const run = await cli(...args);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(ACTIVE);
    expect(run.stdout).toContain(args.includes('--json') ? '\\u001b[31m' : '\\x1b[31m');
  });

  it('escapes what an error message quotes', async () => {
    const run = await cli('journey', '\u001b[2Jgone');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('\\x1b[2Jgone');
    expect(run.stderr).not.toMatch(ACTIVE);
  });
});
