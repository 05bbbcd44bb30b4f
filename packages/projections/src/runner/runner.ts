// The projection runner: catches every projector up from its checkpoint through the global feed, makes
// a new version live once it has caught up, then follows live events until stopped.
import type { EventStore, RecordedEvent, Subscription } from '@leadline/eventstore';
import { START } from '@leadline/eventstore';
import type { Projector } from '../projector/projector.js';
import { targetOf } from '../projector/projector.js';
import { listParked, parkingErrorOf, prepareParking } from '../parking/parked-events.js';
import { retryParked, type RetryFilter, type RetryOutcome } from '../parking/retry.js';
import { ProjectionsStoppedError } from '../store/errors.js';
import type { ReadModelStore } from '../store/port.js';
import type { LeaseFence } from '../leases/lease.js';
import { FeedBatcher } from './batcher.js';
import type { CatchUpResult } from './beside.js';
import { buildBeside, DEFAULT_BULK_BATCH_SIZE } from './beside.js';
import { projectionHealth, type ReadSideHealth } from './health.js';
import type { ProgressListener } from './progress.js';
import { progressTracker } from './progress.js';

export const DEFAULT_BATCH_SIZE = 1000;
/**
 * Events per transaction while catching up from far behind (after an import, a restart): larger
 * transactions, ten times fewer. After a 10,000-row import on SQLite, 9% less CPU and 17% less time
 * than batches of 1,000 (docs/performance.md, "CSV import").
 */
export const DEFAULT_CATCH_UP_BATCH_SIZE = 10_000;

/**
 * How far behind (in feed positions) a projector must be before its catch-up builds its tables beside the
 * live ones instead, when it also has more left to apply than it has applied. Below this a catch-up in
 * place is quick anyway, and readers see the model grow instead of waiting for the switch.
 */
export const DEFAULT_FAR_BEHIND = 50_000n;

export interface ProjectionRunnerOptions {
  readonly eventStore: EventStore;
  readonly store: ReadModelStore;
  readonly projectors: readonly Projector[];
  /**
   * Feed events per transaction (by default 10,000 while catching up, 1,000 while following). Larger
   * batches write faster and hold locks longer.
   */
  readonly batchSize?: number;
  /** Told after every batch of a catch-up. */
  readonly onProgress?: ProgressListener;
  /** Live following stopped on this error; `start()` again resumes from the checkpoints. */
  readonly onError?: (error: unknown) => void;
  /** Told of every event a projector could not apply: it is parked and the projector goes on. */
  readonly onParked?: (projector: Projector, event: RecordedEvent, error: unknown) => void;
  /** Stamps parked events and retries (the system clock unless given). */
  readonly now?: () => Date;
  /** The lease each projector's writes must still hold when they commit (given by the leased runner). */
  readonly fenceOf?: (projector: Projector) => LeaseFence | undefined;
  /**
   * A projector whose live tables are at least this many feed positions behind the head, with more left
   * to apply than applied (a first catch-up over a long history, after a large import), is built beside
   * them instead (as `rebuild` does: bulk load, indexes after, one switch), which costs about half.
   * Default 50,000; never for a leased runner, whose processes share the work. Positions are event
   * numbers on the memory, SQLite and PostgreSQL stores, byte offsets on EventStoreDB.
   */
  readonly farBehind?: bigint;
}

interface Waiter {
  readonly position: bigint;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export type { CatchUpResult } from './beside.js';

export interface ProjectionRunner {
  /** Runs every projector up to the store's head, makes caught-up new versions live, then returns. */
  catchUp(): Promise<CatchUpResult>;
  /** Catches up, then follows live events in the background until `stop()`. */
  start(): Promise<void>;
  /** Stops following and commits what was already taken. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Resolves once every projector has committed the event at this position (read-your-writes); rejects
   * with PROJECTIONS_STOPPED when live following stopped on a failure first.
   */
  waitForPosition(position: bigint): Promise<void>;
  /** The position every projector has committed up to. */
  position(): bigint;
  /** The failure live following stopped on, or null while it runs (or was never started). */
  failure(): unknown;
  /** Applies parked events again (after a fix); each applied one is parked no more. */
  retryParked(filter?: RetryFilter): Promise<RetryOutcome[]>;
  /** Each projection's checkpoint, lag and parked events, and the failure following stopped on. */
  health(): Promise<ReadSideHealth>;
}

export function createProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  const { eventStore, store, projectors } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const catchUpBatchSize = options.batchSize ?? DEFAULT_CATCH_UP_BATCH_SIZE;
  const now = options.now ?? (() => new Date());
  let committed = START;
  let failure: unknown = null;
  let waiters: Waiter[] = [];
  let subscription: Subscription | undefined;
  let following: Promise<void> | undefined;

  const committedUpTo = (position: bigint): void => {
    if (position > committed) committed = position;
    const due = waiters.filter((waiter) => waiter.position <= committed);
    waiters = waiters.filter((waiter) => waiter.position > committed);
    for (const waiter of due) waiter.resolve();
  };

  /** Prepares every projector's tables and makes a first version live at once. */
  const prepare = async (): Promise<void> => {
    for (const projector of projectors) {
      await store.prepare(projector);
      if ((await store.liveVersion(projector.name)) === null) await store.makeLive(targetOf(projector));
    }
  };

  /** Reads every (prepared) projector's checkpoint and parked streams into a batcher. */
  const open = async (onCommitted?: (position: bigint, events: number) => void): Promise<FeedBatcher> => {
    const lanes = [];
    await prepareParking(store);
    const parked = await listParked(store);
    for (const projector of projectors) {
      const blocked = parked
        .filter((entry) => entry.projector === projector.name && entry.version === projector.version)
        .map((entry) => entry.streamName);
      const fence = options.fenceOf?.(projector);
      lanes.push({
        projector,
        checkpoint: (await store.checkpoint(targetOf(projector))) ?? START,
        blocked: new Set(blocked),
        ...(fence === undefined ? {} : { fence }),
      });
    }
    return new FeedBatcher(
      store,
      lanes,
      (position, events) => {
        onCommitted?.(position, events);
        committedUpTo(position);
      },
      now,
      options.onParked,
    );
  };

  const takeOver = async (): Promise<void> => {
    for (const projector of projectors) {
      if ((await store.liveVersion(projector.name)) !== projector.version) await store.makeLive(targetOf(projector));
    }
  };

  /** The (prepared) projectors whose live tables are so far behind that building them beside is cheaper. */
  const farBehind = async (head: bigint): Promise<Projector[]> => {
    if (options.fenceOf !== undefined) return [];
    const threshold = options.farBehind ?? DEFAULT_FAR_BEHIND;
    const far: Projector[] = [];
    for (const projector of projectors) {
      if ((await store.liveVersion(projector.name)) !== projector.version) continue;
      const applied = (await store.checkpoint(targetOf(projector))) ?? START;
      const left = head - applied;
      if (left >= threshold && left > applied - START) far.push(projector);
    }
    return far;
  };

  const catchUpWith = async (): Promise<{ batcher: FeedBatcher; result: CatchUpResult }> => {
    const head = await eventStore.headPosition();
    let events = 0;
    await prepare();
    const far = await farBehind(head);
    if (far.length > 0) {
      events += (
        await buildBeside({
          eventStore,
          store,
          projectors: far,
          batchSize: catchUpBatchSize,
          bulkBatchSize: Math.max(catchUpBatchSize, DEFAULT_BULK_BATCH_SIZE),
          fresh: false,
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        })
      ).events;
    }
    const batcher = await open(progressTracker(head, options.onProgress));
    committedUpTo(batcher.committed());
    events += await batcher.catchUp(eventStore, head, catchUpBatchSize);
    await takeOver();
    return { batcher, result: { position: batcher.committed(), events } };
  };

  const follow = async (batcher: FeedBatcher, live: Subscription): Promise<void> => {
    let scheduled = false;
    const flushSoon = (): void => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        batcher.flush().catch(fail);
      });
    };
    const fail = (error: unknown): void => {
      void live.stop();
      failure = error;
      const stranded = waiters;
      waiters = [];
      for (const waiter of stranded) waiter.reject(new ProjectionsStoppedError(error));
      options.onError?.(error);
    };
    try {
      for await (const message of live) {
        if (message.kind === 'caught-up') batcher.reached(message.position);
        else batcher.add(message.event);
        if (batcher.size >= batchSize) await batcher.flush();
        else flushSoon();
      }
      await batcher.flush();
    } catch (error) {
      fail(error);
    }
  };

  const stopFollowing = async (): Promise<void> => {
    const stopping = following;
    await subscription?.stop();
    subscription = undefined;
    following = undefined;
    await stopping;
  };

  return {
    async catchUp(): Promise<CatchUpResult> {
      return (await catchUpWith()).result;
    },

    async start(): Promise<void> {
      if (following !== undefined && failure === null) return;
      await stopFollowing();
      failure = null;
      const { batcher } = await catchUpWith();
      subscription = eventStore.subscribe({ after: batcher.lowestCheckpoint() });
      following = follow(batcher, subscription);
    },

    stop: stopFollowing,

    waitForPosition(position: bigint): Promise<void> {
      if (position <= committed) return Promise.resolve();
      if (failure !== null) return Promise.reject(new ProjectionsStoppedError(failure));
      return new Promise((resolve, reject) => {
        waiters.push({ position, resolve, reject });
      });
    },

    position(): bigint {
      return committed;
    },

    failure(): unknown {
      return failure;
    },

    retryParked(filter: RetryFilter = {}): Promise<RetryOutcome[]> {
      return retryParked({ eventStore, store, projectors, now }, filter);
    },

    async health(): Promise<ReadSideHealth> {
      const read = await projectionHealth(eventStore, store, projectors);
      const stopped = failure === null ? null : parkingErrorOf(failure);
      return { ...read, healthy: read.healthy && stopped === null, failure: stopped };
    },
  };
}
