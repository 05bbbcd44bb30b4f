// The embedding example runs, in memory and on a SQLite file; run twice on the same file it changes
// nothing the second time (every step carries an idempotency key).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runEmbedded } from './embed.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-embed-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('examples/embed', () => {
  it('works a lead in memory', async () => {
    const outcome = await runEmbedded('memory:');
    expect(outcome.board).toEqual({ NOT_CONTACTED: 0, CONTACTED: 1, QUALIFIED: 0, CONVERTED: 0, LOST: 0 });
  });

  it('works a lead on a SQLite file, and a second run finds it as it was', async () => {
    const file = `sqlite:${join(folder, 'app.db')}`;
    const first = await runEmbedded(file);
    const second = await runEmbedded(file);
    expect(second).toEqual(first);
    expect(first.board['CONTACTED']).toBe(1);
  });
});
