// Wakes waiting subscriptions when the store may hold new events: at once for appends seen in this
// process, and after a bounded poll interval for appends that only a query can see.

export class ChangeSignal {
  private version = 0;
  private readonly waiters = new Set<() => void>();

  /** A token to pass to `wait`; any change after it was taken ends the wait at once. */
  get current(): number {
    return this.version;
  }

  notify(): void {
    this.version += 1;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the first change after `since`, after `pollMs`, or when `abort` fires, whichever is first. */
  wait(since: number, pollMs: number, abort: AbortSignal): Promise<void> {
    if (this.version !== since || abort.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      this.waiters.add(done);
      abort.addEventListener('abort', done, { once: true });
    });
  }
}
