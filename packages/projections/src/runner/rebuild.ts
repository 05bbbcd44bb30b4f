// Rebuild: fresh tables are built beside the live ones and take over in one atomic switch once they have
// caught up, so readers never see a half-built model. A new projector version is built as its own
// version; the live version is rebuilt into a shadow build of it: bulk loaded in large transactions with
// primary keys only, indexed, caught up in batches, then switched in with the version's checkpoint.
import type { EventStore } from '@leadline/eventstore';
import type { Projector } from '../projector/projector.js';
import { targetOf } from '../projector/projector.js';
import type { ReadModelStore } from '../store/port.js';
import { buildBeside, DEFAULT_BULK_BATCH_SIZE, lowest } from './beside.js';
import type { ProgressListener } from './progress.js';
import type { CatchUpResult } from './runner.js';
import { createProjectionRunner, DEFAULT_BATCH_SIZE } from './runner.js';

export { DEFAULT_BULK_BATCH_SIZE } from './beside.js';

export interface RebuildOptions {
  readonly eventStore: EventStore;
  readonly store: ReadModelStore;
  /**
   * The projectors to rebuild. A version that is live is rebuilt beside its live tables; any other
   * version (a new one) is built from scratch as its own version. Each then takes over atomically.
   */
  readonly projectors: readonly Projector[];
  /** Feed events per transaction of the catch-up after the bulk load (and of a new version's build). */
  readonly batchSize?: number;
  /** Feed events per transaction of a shadow's bulk load (default 50,000). */
  readonly bulkBatchSize?: number;
  readonly onProgress?: ProgressListener;
  /**
   * A rebuild beside the live tables that stopped part way (a crash, a kill) is resumed from its
   * checkpoint unless this is set: then its tables are dropped and it starts over from zero.
   */
  readonly fresh?: boolean;
  /**
   * Rebuild a version that is live right now in place, by dropping its tables first: readers then see
   * the model grow from empty, and it needs no room for a second copy. The default builds beside it.
   */
  readonly replaceLive?: boolean;
}

export async function rebuild(options: RebuildOptions): Promise<CatchUpResult> {
  const { store } = options;
  const beside: Projector[] = [];
  const fromScratch: Projector[] = [];
  for (const projector of options.projectors) {
    const live = await store.liveVersion(projector.name);
    if (live === projector.version && options.replaceLive !== true) {
      beside.push(projector);
      continue;
    }
    if (live === projector.version) await store.dropVersion(targetOf(projector), { evenIfLive: true });
    // A leftover half-built version from an earlier attempt starts over from zero.
    else await store.dropVersion(targetOf(projector));
    fromScratch.push(projector);
  }
  const results: CatchUpResult[] = [];
  if (fromScratch.length > 0) {
    results.push(
      await createProjectionRunner({
        eventStore: options.eventStore,
        store,
        projectors: fromScratch,
        ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      }).catchUp(),
    );
  }
  if (beside.length > 0) {
    results.push(
      await buildBeside({
        eventStore: options.eventStore,
        store,
        projectors: beside,
        batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
        bulkBatchSize: options.bulkBatchSize ?? DEFAULT_BULK_BATCH_SIZE,
        fresh: options.fresh === true,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      }),
    );
  }
  return {
    position: lowest(results.map((result) => result.position)),
    events: results.reduce((sum, result) => sum + result.events, 0),
  };
}
