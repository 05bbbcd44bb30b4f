// The projection runner: catches every projector up from its checkpoint through the global feed, makes
// a new version live once it has caught up, then follows live events until stopped.
import type { EventStore, Subscription } from '@leadline/eventstore';
import { START } from '@leadline/eventstore';
import type { Projector } from '../projector/projector.js';
import { targetOf } from '../projector/projector.js';
import type { ReadModelStore } from '../store/port.js';
import { FeedBatcher } from './batcher.js';
import type { ProgressListener } from './progress.js';
import { progressTracker } from './progress.js';

export const DEFAULT_BATCH_SIZE = 1000;

export interface ProjectionRunnerOptions {
  readonly eventStore: EventStore;
  readonly store: ReadModelStore;
  readonly projectors: readonly Projector[];
  /** Feed events per transaction. Larger batches write faster and hold locks longer. */
  readonly batchSize?: number;
  /** Told after every batch of a catch-up. */
  readonly onProgress?: ProgressListener;
  /** Live following stopped on this error; `start()` again resumes from the checkpoints. */
  readonly onError?: (error: unknown) => void;
}

export interface CatchUpResult {
  /** The position every projector has committed up to. */
  readonly position: bigint;
  /** Feed events read in this catch-up. */
  readonly events: number;
}

export interface ProjectionRunner {
  /** Runs every projector up to the store's head, makes caught-up new versions live, then returns. */
  catchUp(): Promise<CatchUpResult>;
  /** Catches up, then follows live events in the background until `stop()`. */
  start(): Promise<void>;
  /** Stops following and commits what was already taken. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves once every projector has committed the event at this position (read-your-writes). */
  waitForPosition(position: bigint): Promise<void>;
  /** The position every projector has committed up to. */
  position(): bigint;
}

export function createProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  const { eventStore, store, projectors } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let committed = START;
  let waiters: { readonly position: bigint; readonly resolve: () => void }[] = [];
  let subscription: Subscription | undefined;
  let following: Promise<void> | undefined;

  const committedUpTo = (position: bigint): void => {
    if (position > committed) committed = position;
    const due = waiters.filter((waiter) => waiter.position <= committed);
    waiters = waiters.filter((waiter) => waiter.position > committed);
    for (const waiter of due) waiter.resolve();
  };

  /** Prepares tables, makes a first version live at once, and reads every checkpoint. */
  const open = async (onCommitted?: (position: bigint, events: number) => void): Promise<FeedBatcher> => {
    const lanes = [];
    for (const projector of projectors) {
      await store.prepare(projector);
      if ((await store.liveVersion(projector.name)) === null) await store.makeLive(targetOf(projector));
      lanes.push({ projector, checkpoint: (await store.checkpoint(targetOf(projector))) ?? START });
    }
    return new FeedBatcher(store, lanes, (position, events) => {
      onCommitted?.(position, events);
      committedUpTo(position);
    });
  };

  const takeOver = async (): Promise<void> => {
    for (const projector of projectors) {
      if ((await store.liveVersion(projector.name)) !== projector.version) await store.makeLive(targetOf(projector));
    }
  };

  const catchUpWith = async (): Promise<{ batcher: FeedBatcher; result: CatchUpResult }> => {
    const head = await eventStore.headPosition();
    let events = 0;
    const batcher = await open(progressTracker(head, options.onProgress));
    committedUpTo(batcher.committed());
    for await (const event of eventStore.readAll({ after: batcher.lowestCheckpoint() })) {
      batcher.add(event);
      events += 1;
      if (batcher.size >= batchSize) await batcher.flush();
    }
    batcher.reached(head);
    await batcher.flush();
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

  return {
    async catchUp(): Promise<CatchUpResult> {
      return (await catchUpWith()).result;
    },

    async start(): Promise<void> {
      if (following !== undefined) return;
      const { batcher } = await catchUpWith();
      subscription = eventStore.subscribe({ after: batcher.lowestCheckpoint() });
      following = follow(batcher, subscription);
    },

    async stop(): Promise<void> {
      const stopping = following;
      await subscription?.stop();
      subscription = undefined;
      following = undefined;
      await stopping;
    },

    waitForPosition(position: bigint): Promise<void> {
      if (position <= committed) return Promise.resolve();
      return new Promise((resolve) => {
        waiters.push({ position, resolve });
      });
    },

    position(): bigint {
      return committed;
    },
  };
}
