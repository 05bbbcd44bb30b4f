// Rebuild: fresh tables are built beside the live ones and take over in one atomic switch once they have
// caught up, so readers never see a half-built model. A new projector version is built as its own
// version; the live version is rebuilt into a shadow build of it: bulk loaded in large transactions with
// primary keys only, indexed, caught up in batches, then switched in with the version's checkpoint.
import type { EventStore } from '@leadline/eventstore';
import { START } from '@leadline/eventstore';
import type { Projector } from '../projector/projector.js';
import { describeTarget, targetOf } from '../projector/projector.js';
import { prepareParking } from '../parking/parked-events.js';
import { ReadModelError, ReadModelErrorCode } from '../store/errors.js';
import type { ReadModelStore, ShadowBuild } from '../store/port.js';
import { FeedBatcher } from './batcher.js';
import type { ProgressListener } from './progress.js';
import { progressTracker } from './progress.js';
import type { CatchUpResult } from './runner.js';
import { createProjectionRunner, DEFAULT_BATCH_SIZE } from './runner.js';

/** Events per transaction of a shadow's bulk load: large, since nothing reads the shadow yet. */
export const DEFAULT_BULK_BATCH_SIZE = 50_000;

/** Catch-ups tried before giving up on a switch the live runner keeps getting ahead of. */
const SWITCH_ATTEMPTS = 20;

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
  if (beside.length > 0) results.push(await rebuildBeside(options, beside));
  return {
    position: lowest(results.map((result) => result.position)),
    events: results.reduce((sum, result) => sum + result.events, 0),
  };
}

const lowest = (positions: readonly bigint[]): bigint =>
  positions.reduce((low, position) => (position < low ? position : low), positions[0] ?? START);

interface ShadowLane {
  readonly projector: Projector;
  shadow: ShadowBuild;
  checkpoint: bigint;
  switched: boolean;
}

async function rebuildBeside(options: RebuildOptions, projectors: readonly Projector[]): Promise<CatchUpResult> {
  const { eventStore, store } = options;
  // A shadow parks what it cannot apply in the same bookkeeping tables as the live runner.
  await prepareParking(store);
  const lanes: ShadowLane[] = [];
  for (const projector of projectors) {
    const shadow = await store.openShadow(projector, { fresh: options.fresh === true });
    lanes.push({ projector, shadow, checkpoint: shadow.checkpoint ?? START, switched: false });
  }
  const track = progressTracker(await eventStore.headPosition(), options.onProgress);
  let events = 0;

  // Bulk load without secondary indexes (a resumed shadow that was indexed already skips it).
  const unindexed = lanes.filter((lane) => !lane.shadow.indexed);
  if (unindexed.length > 0) {
    events += await load(eventStore, store, unindexed, options.bulkBatchSize ?? DEFAULT_BULK_BATCH_SIZE, track);
    for (const lane of unindexed) await store.indexShadow(lane.shadow);
  }

  // Catch up with what was written meanwhile, then switch; the live runner may have moved past the
  // shadow again in between, in which case the switch refuses and the shadow catches up once more.
  for (let attempt = 1; lanes.some((lane) => !lane.switched); attempt++) {
    const pending = lanes.filter((lane) => !lane.switched);
    if (attempt > SWITCH_ATTEMPTS) {
      throw new ReadModelError(
        ReadModelErrorCode.NotReady,
        pending.map((lane) => lane.projector.name).join(', '),
        'caught-up',
        `The rebuild of ${pending.map((lane) => describeTarget(lane.shadow)).join(', ')} did not catch up with the live tables after ${SWITCH_ATTEMPTS} tries; run it again (it resumes).`,
      );
    }
    events += await load(eventStore, store, pending, options.batchSize ?? DEFAULT_BATCH_SIZE, track);
    for (const lane of pending) lane.switched = await store.switchToShadow(lane.shadow);
  }
  return { position: lowest(lanes.map((lane) => lane.checkpoint)), events };
}

/** Feeds the lanes' shadows from the lowest of their checkpoints to the head, `batchSize` events a transaction. */
async function load(
  eventStore: EventStore,
  store: ReadModelStore,
  lanes: readonly ShadowLane[],
  batchSize: number,
  track: (position: bigint, events: number) => void,
): Promise<number> {
  const head = await eventStore.headPosition();
  const batcher = new FeedBatcher(
    store,
    lanes.map((lane) => ({ projector: lane.projector, checkpoint: lane.checkpoint, build: lane.shadow.build })),
    track,
  );
  let events = 0;
  for await (const event of eventStore.readAll({ after: batcher.lowestCheckpoint() })) {
    batcher.add(event);
    events += 1;
    if (batcher.size >= batchSize) await batcher.flush();
  }
  batcher.reached(head);
  await batcher.flush();
  for (const lane of lanes) lane.checkpoint = batcher.committed();
  return events;
}
