// The runtime's only sources of time, identity, randomness and delay: injected so tests are deterministic.
import { randomUUID } from 'node:crypto';

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}

/** A number in [0, 1); used only for retry jitter. */
export interface RandomSource {
  next(): number;
}

export type TimerHandle = { readonly timer: unknown };

/** setTimeout/clearTimeout as an injectable pair; a fake one drives the workers in tests. */
export interface Timers {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = { now: () => new Date() };

// Node's own v4, from a buffered random pool: what the uuid package's v4 delegates to, without its
// argument handling. Like it, the id is a concatenated (cons) string that its first reader flattens.
export const uuidIds: IdGenerator = { newId: () => randomUUID() };

export const mathRandom: RandomSource = { next: () => Math.random() };

export const systemTimers: Timers = {
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    // A pending expiry or retry must never keep a process alive on its own.
    timer.unref();
    return { timer };
  },
  clearTimeout(handle) {
    clearTimeout(handle.timer as NodeJS.Timeout);
  },
};

/** Node's timers overflow past ~24.8 days: longer waits are split, the caller re-checks when woken. */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** Waits on the injected timers; an abort ends the wait early (a worker being stopped). */
export function sleep(timers: Timers, delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // No wait means no timer: a zero backoff retries at once, even on a fake clock nobody advances.
    if (signal?.aborted === true || delayMs <= 0) {
      resolve();
      return;
    }
    const handle = timers.setTimeout(done, Math.max(0, Math.min(delayMs, MAX_TIMER_DELAY_MS)));
    function done(): void {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort(): void {
      timers.clearTimeout(handle);
      done();
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
