import { describe, expect, it } from '@jest/globals';
import { createRowPool } from './row-pool.js';

/** A task that records when it starts and ends, and finishes when told. */
function gate(log: string[], name: string): { task: () => Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await opened;
      log.push(`end ${name}`);
    },
    open: () => open(),
  };
}

const ticks = async (count = 5): Promise<void> => {
  for (let index = 0; index < count; index += 1) await Promise.resolve();
};

describe('createRowPool', () => {
  it('runs rows with different keys side by side, up to the limit, and waits for room beyond it', async () => {
    const log: string[] = [];
    const pool = createRowPool(2);
    const [a, b, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'c')];
    await pool.add(['e:a'], a.task);
    let roomForThird = false;
    const adding = pool.add(['e:b'], b.task).then(() => (roomForThird = true));
    await ticks();
    expect(log).toEqual(['start a', 'start b']);
    expect(roomForThird).toBe(false);
    b.open();
    await adding;
    const addingThird = pool.add(['e:c'], c.task);
    a.open();
    c.open();
    await addingThird;
    await pool.drain();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c', 'end a', 'end c']);
  });

  it('runs rows sharing any key in the order they were added, after every earlier holder of each key', async () => {
    const log: string[] = [];
    const pool = createRowPool(8);
    const [first, second, third] = [gate(log, 'first'), gate(log, 'second'), gate(log, 'third')];
    await pool.add(['e:ada', 'p:1'], first.task);
    await pool.add(['p:2'], second.task);
    await pool.add(['e:ada', 'p:2'], third.task);
    await ticks();
    expect(log).toEqual(['start first', 'start second']);
    second.open();
    await ticks();
    expect(log).not.toContain('start third');
    first.open();
    third.open();
    await pool.drain();
    expect(log.indexOf('start third')).toBeGreaterThan(log.indexOf('end first'));
  });

  it('still runs a row whose predecessor failed, and reports the first failure when drained', async () => {
    const pool = createRowPool(4);
    const ran: string[] = [];
    await pool.add(['e:x'], async () => {
      throw new Error('first');
    });
    await pool.add(['e:x'], () => {
      throw new Error('second, thrown before any await');
    });
    await pool.add(['e:x'], async () => {
      ran.push('third');
    });
    await expect(pool.drain()).rejects.toThrow('first');
    expect(ran).toEqual(['third']);
  });

  it('treats a limit below one, fractional or not a number as the nearest sensible one', async () => {
    for (const limit of [0, -3, Number.NaN, 1.7]) {
      const log: string[] = [];
      const pool = createRowPool(limit);
      const [a, b] = [gate(log, 'a'), gate(log, 'b')];
      const adding = pool.add(['e:a'], a.task).then(() => pool.add(['e:b'], b.task));
      await ticks();
      expect(log).toEqual(['start a']);
      a.open();
      await ticks();
      expect(log).toEqual(['start a', 'end a', 'start b']);
      b.open();
      await adding;
      await pool.drain();
      expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    }
  });

  it('drains at once when nothing was added', async () => {
    await expect(createRowPool(3).drain()).resolves.toBeUndefined();
  });
});
