import { describe, expect, it, jest } from '@jest/globals';
import { ChangeSignal } from './change-signal.js';

describe('ChangeSignal', () => {
  it('ends a wait at once when a change came after the token was taken', async () => {
    const signal = new ChangeSignal();
    const seen = signal.current;
    signal.notify();
    await expect(signal.wait(seen, 60_000, new AbortController().signal)).resolves.toBeUndefined();
  });

  it('wakes every waiter on notify, ends a wait on abort, and otherwise after the poll interval', async () => {
    jest.useFakeTimers();
    try {
      const signal = new ChangeSignal();
      const woken: string[] = [];
      const aborting = new AbortController();
      const waits = [
        signal.wait(signal.current, 1_000, new AbortController().signal).then(() => woken.push('first')),
        signal.wait(signal.current, 1_000, new AbortController().signal).then(() => woken.push('second')),
      ];
      signal.notify();
      await Promise.all(waits);
      expect(woken.sort()).toEqual(['first', 'second']);

      const aborted = signal.wait(signal.current, 1_000, aborting.signal).then(() => woken.push('aborted'));
      aborting.abort();
      await aborted;
      const polled = signal.wait(signal.current, 1_000, new AbortController().signal).then(() => woken.push('polled'));
      await Promise.resolve();
      expect(woken).not.toContain('polled');
      jest.advanceTimersByTime(1_000);
      await polled;
      expect(woken.slice(2)).toEqual(['aborted', 'polled']);
    } finally {
      jest.useRealTimers();
    }
  });
});
