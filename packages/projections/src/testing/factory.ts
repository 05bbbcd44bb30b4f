// The stores a read-model test suite opens: a fresh, empty store per call from the factory the store's
// package passes, each disposed after its test so PostgreSQL pools and SQLite handles do not leak.
import { afterEach } from '@jest/globals';
import type { ReadModelStore } from '../store/port.js';

/** A fresh, empty store per call; `dispose()` releases it (and drops what it created). */
export type ReadModelStoreFactory = () => Promise<ReadModelStore>;

/** Call inside a describe: the returned function opens a store that is disposed after the test. */
export function storesFrom(factory: ReadModelStoreFactory): () => Promise<ReadModelStore> {
  const opened: ReadModelStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.dispose();
  });
  return async () => {
    const store = await factory();
    opened.push(store);
    return store;
  };
}
