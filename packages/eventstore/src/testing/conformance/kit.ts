// What every conformance section receives: a way to get a fresh store, and the suite's pacing.
import { expect } from '@jest/globals';
import type { EventStore } from '../../port/event-store.js';
import type { EventStoreOptions } from '../../upcasting/upcaster.js';

export interface ConformanceCapabilities {
  /** Multiplies the number of fast-check runs (default 1); a store with slow round trips passes e.g. 0.3. */
  readonly numRunsScale?: number;
  /** How long a test waits for a subscription message (default 5000 ms). */
  readonly timeoutMs?: number;
  /**
   * Whether an event id stored in one stream is refused in another (default true). EventStoreDB checks
   * event ids per stream only, so its adapter passes false and the cross-stream cases are left out.
   */
  readonly eventIdsUniqueAcrossStreams?: boolean;
  /** Whether the parts of one `appendToStreams` land together or not at all (default true; EventStoreDB: false). */
  readonly multiStreamAtomic?: boolean;
}

export interface ConformanceFactory {
  /** A new, empty store; it must pass `options.upcasters` to the store (the upcasting tests use them). */
  create(options?: EventStoreOptions): Promise<EventStore>;
  /** Releases what create() made (drops a schema, deletes a file); defaults to `store.dispose()`. */
  dispose?(store: EventStore): Promise<void>;
  readonly capabilities?: ConformanceCapabilities;
}

export interface ConformanceKit {
  /** Runs `test` against a fresh store and always releases it. */
  readonly withStore: (test: (store: EventStore) => Promise<void>, options?: EventStoreOptions) => Promise<void>;
  readonly numRuns: (base: number) => number;
  readonly timeoutMs: number;
  readonly eventIdsUniqueAcrossStreams: boolean;
  readonly multiStreamAtomic: boolean;
}

export function conformanceKit(factory: ConformanceFactory): ConformanceKit {
  const scale = factory.capabilities?.numRunsScale ?? 1;
  return {
    async withStore(test, options) {
      const store = await factory.create(options);
      try {
        await test(store);
      } finally {
        await (factory.dispose === undefined ? store.dispose() : factory.dispose(store));
      }
    },
    numRuns: (base) => Math.max(1, Math.round(base * scale)),
    timeoutMs: factory.capabilities?.timeoutMs ?? 5_000,
    eventIdsUniqueAcrossStreams: factory.capabilities?.eventIdsUniqueAcrossStreams ?? true,
    multiStreamAtomic: factory.capabilities?.multiStreamAtomic ?? true,
  };
}

/** The error `work` rejects (or throws) with; fails the test when it succeeds. */
export async function rejectionOf(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to be rejected, but it succeeded');
}

export async function expectRejection(
  work: () => unknown,
  errorClass: abstract new (...args: never[]) => Error,
  fields: Record<string, unknown> = {},
): Promise<void> {
  const error = await rejectionOf(work);
  expect(error).toBeInstanceOf(errorClass);
  expect(error).toMatchObject(fields);
}
