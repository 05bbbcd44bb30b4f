// `leadline status` and `leadline retry-parked` over a store holding an event the SQLite read models
// cannot write (appended raw, as an older version might have): the other leads still show, status says
// what is parked, and a retry before any fix leaves it parked.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openSqliteEventStore, type EventStore } from 'leadline';
import { jsonOf, runCliInProcess, scratchDirectory } from '../../test-support/spawn-cli.js';

/** A position as digits (jest's setup prints bigints with an n). */
const digits = (text: string): string => text.replace(/n$/, '');
const POISON = '00000000-0000-4000-8000-0000000000ab';

describe('leadline status and retry-parked', () => {
  const scratch = scratchDirectory('status');
  const file = join(scratch.path, 'leadline.db');
  const cli = (...args: string[]) => runCliInProcess([...args, '--store', `sqlite:${file}`], scratch.path);

  beforeAll(async () => {
    expect((await cli('lead', 'create', '--name', 'Before', '--email', 'before@example.com')).code).toBe(0);
    const store = openSqliteEventStore({ file });
    try {
      let template: Parameters<EventStore['append']>[1][number] | undefined;
      for await (const event of store.readAll({ filter: { eventTypes: ['LeadCreated'] } })) template = event;
      if (template === undefined) throw new Error('The CLI created no lead.');
      await store.append('lead-poison', [
        {
          eventId: POISON,
          type: 'LeadCreated',
          data: { ...Object(template.data), leadId: ['x'] },
          metadata: template.metadata,
        },
      ]);
    } finally {
      await store.dispose();
    }
    expect((await cli('lead', 'create', '--name', 'After', '--email', 'after@example.com')).code).toBe(0);
  });
  afterAll(() => scratch.remove());

  it('shows the other leads, and the parked event with its projection, position and error', async () => {
    const search = await cli('search', 'After', '--json');
    expect(search.code).toBe(0);
    expect(search.stdout).toContain('after@example.com');

    const status = await cli('status', '--json');
    expect(status.code).toBe(0);
    const health = jsonOf<{
      healthy: boolean;
      projections: { name: string; lag: string; parked: number }[];
      parked: { projector: string; eventId: string; position: string; error: { message: string } }[];
    }>(status);
    expect(health.healthy).toBe(false);
    expect(health.projections.every((projection) => digits(projection.lag) === '0')).toBe(true);
    expect(health.parked.length).toBeGreaterThan(0);
    expect(health.parked.every((entry) => entry.eventId === POISON && digits(entry.position) === '6')).toBe(true);
    expect(health.projections.find((projection) => projection.name === 'pipeline_board')?.parked).toBe(1);

    const human = await cli('status');
    expect(human.stdout).toContain('NOT healthy');
    expect(human.stdout).toContain(POISON);
  });

  it('retries the parked events: still parked before a fix, one attempt more', async () => {
    const retried = await cli('retry-parked', '--projection', 'pipeline_board', '--json');
    expect(retried.code).toBe(0);
    expect(jsonOf<{ applied: boolean }[]>(retried)).toEqual([expect.objectContaining({ applied: false })]);
    const status = jsonOf<{ parked: { projector: string; attempts: number }[] }>(await cli('status', '--json'));
    expect(status.parked.find((entry) => entry.projector === 'pipeline_board')?.attempts).toBe(2);
    const unknown = await cli('retry-parked', '--event', 'no-such-event');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NOT_PARKED');
  });
});
