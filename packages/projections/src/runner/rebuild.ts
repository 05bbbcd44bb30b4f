// Rebuild: a projector version is built beside the live one from position zero and takes over in one
// atomic switch once it has caught up, so readers never see a half-built model.
import type { EventStore } from '@leadline/eventstore';
import type { Projector } from '../projector/projector.js';
import { describeTarget, targetOf } from '../projector/projector.js';
import { ReadModelError, ReadModelErrorCode } from '../store/errors.js';
import type { ReadModelStore } from '../store/port.js';
import type { ProgressListener } from './progress.js';
import type { CatchUpResult } from './runner.js';
import { createProjectionRunner } from './runner.js';

export interface RebuildOptions {
  readonly eventStore: EventStore;
  readonly store: ReadModelStore;
  /** New versions of one or more projectors; each is built from scratch, then made live. */
  readonly projectors: readonly Projector[];
  readonly batchSize?: number;
  readonly onProgress?: ProgressListener;
  /**
   * Rebuild a version that is live right now by dropping its tables first. Readers then see the model
   * grow from empty: prefer bumping the projector's version, which rebuilds beside the live one.
   */
  readonly replaceLive?: boolean;
}

export async function rebuild(options: RebuildOptions): Promise<CatchUpResult> {
  for (const projector of options.projectors) {
    const target = targetOf(projector);
    const live = await options.store.liveVersion(projector.name);
    if (live === projector.version) {
      if (options.replaceLive !== true) {
        throw new ReadModelError(
          ReadModelErrorCode.LiveVersion,
          projector.name,
          'not-live',
          `${describeTarget(target)} is live: bump the projector's version to rebuild beside it, or pass replaceLive to rebuild it in place.`,
        );
      }
      await options.store.dropVersion(target, { evenIfLive: true });
    } else {
      // A leftover half-built version from an earlier attempt starts over from zero.
      await options.store.dropVersion(target);
    }
  }
  const runner = createProjectionRunner({
    eventStore: options.eventStore,
    store: options.store,
    projectors: options.projectors,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  return runner.catchUp();
}
