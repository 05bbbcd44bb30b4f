// The start/stop/drain loop the feed-driven workers share (stage removal, the email outbox, retention):
// follow the worker's events from the start, do a round of work when live, never two rounds at once,
// and stop cleanly — timers cleared, the feed stopped, the round in flight finished.
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import type { Timers } from '../runtime/clock.js';
import { followWorkerFeed, settleWorker, type WorkerFeed } from './feed.js';

export interface FeedWorkerOptions {
  readonly store: EventStore;
  readonly timers: Timers;
  /** The event types the worker learns from. */
  readonly eventTypes: readonly string[];
  /** What the worker learns from an event (history first, then live). */
  readonly track: (event: RecordedEvent) => void;
  /** One round of work; `stopped()` turns true when stop() is called meanwhile. */
  readonly work: (stopped: () => boolean) => Promise<void>;
  /** When to start a round after an event: at going live (`wentLive`) and after each live event, unless given. */
  readonly wantsRound?: (wentLive: boolean) => boolean;
  /** After each round (arm a timer for work that falls due later); not called once stopped. */
  readonly afterRound?: () => void;
  /** At stop, before the feed stops: clear the worker's own timers. */
  readonly onStop?: () => void;
  readonly failed: (error: unknown) => void;
}

export interface FeedWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Starts a round unless one is running (or the worker is not live); resolves when that round ends. */
  round(): Promise<void>;
  /** The round in flight, or null. */
  working(): Promise<void> | null;
  /** Live (history handled) and not stopped: rounds may run. */
  live(): boolean;
  /** Resolves once the feed is not behind the store and `idle()` holds; `kick` runs while it does not. */
  settled(worker: { readonly idle: () => boolean; readonly kick?: () => void }): Promise<void>;
}

export function createFeedWorker(options: FeedWorkerOptions): FeedWorker {
  const { store, timers } = options;
  let feed: WorkerFeed | null = null;
  let live = false;
  let stopped = false;
  let working: Promise<void> | null = null;
  const isStopped = (): boolean => stopped;

  const round = (): Promise<void> => {
    if (!live || stopped) return Promise.resolve();
    working ??= options.work(isStopped).finally(() => {
      working = null;
      if (!stopped) options.afterRound?.();
    });
    return working;
  };

  return {
    start() {
      stopped = false;
      feed = followWorkerFeed(
        store,
        { eventTypes: options.eventTypes, timers },
        {
          track: options.track,
          react(wentLive) {
            live = true;
            if (options.wantsRound?.(wentLive) ?? true) void round();
          },
          failed: options.failed,
        },
      );
      return feed.ready;
    },
    async stop() {
      stopped = true;
      live = false;
      options.onStop?.();
      await feed?.stop();
      await working;
      feed = null;
    },
    round,
    working: () => working,
    live: () => live && !stopped,
    settled: (worker) =>
      settleWorker(store, feed, {
        idle: () => working === null && worker.idle(),
        working: () => working,
        ...(worker.kick === undefined ? {} : { kick: worker.kick }),
      }),
  };
}
