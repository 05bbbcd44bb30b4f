// A clock and timers that move only when a test says so: `advance` fires every timer that falls due,
// in time order, letting promises settle between them.
import type { Clock, TimerHandle, Timers } from '../runtime/clock.js';

interface PendingTimer {
  readonly handle: TimerHandle;
  readonly dueAt: number;
  readonly sequence: number;
  readonly callback: () => void;
}

export interface ManualClock extends Clock, Timers {
  /** Moves time forward, firing due timers one by one; resolves once their promise chains settle. */
  advance(ms: number): Promise<void>;
  /** Moves time to an instant (never backwards). */
  advanceTo(instant: Date): Promise<void>;
  /** How many timers are armed: a worker that polls would show up here. */
  pendingTimers(): number;
}

/** Lets every queued promise continuation and I/O callback run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createManualClock(start: Date | string = '2026-01-05T09:00:00.000Z'): ManualClock {
  let nowMs = new Date(start).getTime();
  let sequence = 0;
  const timers: PendingTimer[] = [];

  const nextDue = (limit: number): PendingTimer | undefined =>
    timers.filter((timer) => timer.dueAt <= limit).sort((a, b) => a.dueAt - b.dueAt || a.sequence - b.sequence)[0];

  const advanceTo = async (target: number): Promise<void> => {
    await settle();
    for (let timer = nextDue(target); timer !== undefined; timer = nextDue(target)) {
      timers.splice(timers.indexOf(timer), 1);
      nowMs = Math.max(nowMs, timer.dueAt);
      timer.callback();
      await settle();
    }
    nowMs = Math.max(nowMs, target);
    await settle();
  };

  return {
    now: () => new Date(nowMs),
    setTimeout(callback, delayMs) {
      const handle: TimerHandle = { timer: ++sequence };
      timers.push({ handle, dueAt: nowMs + Math.max(0, delayMs), sequence, callback });
      return handle;
    },
    clearTimeout(handle) {
      const index = timers.findIndex((timer) => timer.handle === handle);
      if (index >= 0) timers.splice(index, 1);
    },
    advance: (ms) => advanceTo(nowMs + ms),
    advanceTo: (instant) => advanceTo(instant.getTime()),
    pendingTimers: () => timers.length,
  };
}
