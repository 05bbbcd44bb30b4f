// The rows of an import in flight: at most `limit` at once, and rows sharing a key (an email or phone)
// one after another in the order they were added, so the first of them is the one created.

export interface RowPool {
  /** Starts `task` once every task added earlier under one of its keys has finished; resolves when there is room for another. */
  add(keys: readonly string[], task: () => Promise<void>): Promise<void>;
  /** Resolves when every task added so far has finished; rejects with the first error a task threw. */
  drain(): Promise<void>;
}

interface Slot {
  readonly keys: readonly string[];
  promise: Promise<void>;
}

/**
 * One promise per row and one per wait. Waiting with `Promise.race` over every running row instead
 * attached a reaction to each of them for every row read, and a `.then` chain per row made five
 * promises: together they were a visible part of the import's profile on SQLite.
 */
export function createRowPool(limit: number): RowPool {
  const capacity = Number.isNaN(limit) ? 1 : Math.max(1, Math.floor(limit));
  const tails = new Map<string, Slot>();
  let running = 0;
  let roomMade: (() => void) | null = null;
  let allDone: (() => void) | null = null;
  let failure: { readonly error: unknown } | null = null;

  const finished = (slot: Slot): void => {
    running -= 1;
    for (const key of slot.keys) if (tails.get(key) === slot) tails.delete(key);
    roomMade?.();
    roomMade = null;
    if (running === 0) {
      allDone?.();
      allDone = null;
    }
  };

  // Never rejects, so a row waiting on an earlier one still runs when that one failed.
  const run = async (slot: Slot, before: readonly Promise<void>[], task: () => Promise<void>): Promise<void> => {
    try {
      if (before.length > 0) await Promise.all(before);
      await task();
    } catch (error) {
      failure ??= { error };
    } finally {
      finished(slot);
    }
  };

  return {
    async add(keys, task) {
      const before: Promise<void>[] = [];
      for (const key of keys) {
        const tail = tails.get(key)?.promise;
        if (tail !== undefined && !before.includes(tail)) before.push(tail);
      }
      const slot: Slot = { keys, promise: Promise.resolve() };
      for (const key of keys) tails.set(key, slot);
      running += 1;
      slot.promise = run(slot, before, task);
      if (running >= capacity) await new Promise<void>((resolve) => (roomMade = resolve));
    },
    async drain() {
      if (running > 0) await new Promise<void>((resolve) => (allDone = resolve));
      if (failure !== null) throw failure.error;
    },
  };
}
