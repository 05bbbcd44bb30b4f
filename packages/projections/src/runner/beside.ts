// Building a live projector version beside its tables: fresh tables with primary keys only, bulk loaded
// in large transactions, indexed once loaded, caught up in batches, then switched in with the version's
// checkpoint in one transaction. `rebuild` uses it, and so does a runner whose projectors are far behind
// (a first catch-up over a long history, a large import): loading without secondary indexes and creating
// them after costs about half of catching up through indexed tables (docs/performance.md).
import type { EventStore } from '@leadline/eventstore';
import { START } from '@leadline/eventstore';
import type { Projector } from '../projector/projector.js';
import { describeTarget } from '../projector/projector.js';
import { prepareParking } from '../parking/parked-events.js';
import { ReadModelError, ReadModelErrorCode } from '../store/errors.js';
import type { ReadModelStore, ShadowBuild } from '../store/port.js';
import { FeedBatcher } from './batcher.js';
import type { ProgressListener } from './progress.js';
import { progressTracker } from './progress.js';

/** Events per transaction of a shadow's bulk load: large, since nothing reads the shadow yet. */
export const DEFAULT_BULK_BATCH_SIZE = 50_000;

/** Catch-ups tried before giving up on a switch the live runner keeps getting ahead of. */
const SWITCH_ATTEMPTS = 20;

export interface CatchUpResult {
  /** The position every projector has committed up to. */
  readonly position: bigint;
  /** Feed events read in this catch-up. */
  readonly events: number;
}

export interface BuildBesideOptions {
  readonly eventStore: EventStore;
  readonly store: ReadModelStore;
  /** Projectors whose version is the live one. */
  readonly projectors: readonly Projector[];
  /** Feed events per transaction of the catch-up after the bulk load. */
  readonly batchSize: number;
  /** Feed events per transaction of the bulk load. */
  readonly bulkBatchSize: number;
  /** Drop a build a stopped run left and start over, instead of resuming it. */
  readonly fresh: boolean;
  readonly onProgress?: ProgressListener;
}

export const lowest = (positions: readonly bigint[]): bigint =>
  positions.reduce((low, position) => (position < low ? position : low), positions[0] ?? START);

interface ShadowLane {
  readonly projector: Projector;
  shadow: ShadowBuild;
  checkpoint: bigint;
  switched: boolean;
}

/** Builds the projectors' live versions beside their tables and switches each in once caught up. */
export async function buildBeside(options: BuildBesideOptions): Promise<CatchUpResult> {
  const { eventStore, store, projectors } = options;
  // A shadow parks what it cannot apply in the same bookkeeping tables as the live runner.
  await prepareParking(store);
  const lanes: ShadowLane[] = [];
  for (const projector of projectors) {
    const shadow = await store.openShadow(projector, { fresh: options.fresh });
    lanes.push({ projector, shadow, checkpoint: shadow.checkpoint ?? START, switched: false });
  }
  const track = progressTracker(await eventStore.headPosition(), options.onProgress);
  let events = 0;

  // Bulk load without secondary indexes (a resumed shadow that was indexed already skips it).
  const unindexed = lanes.filter((lane) => !lane.shadow.indexed);
  if (unindexed.length > 0) {
    events += await load(eventStore, store, unindexed, options.bulkBatchSize, track);
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
    events += await load(eventStore, store, pending, options.batchSize, track);
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
  const events = await batcher.catchUp(eventStore, head, batchSize);
  for (const lane of lanes) lane.checkpoint = batcher.committed();
  return events;
}
