// As-of: the read models as they stood at a past position or instant, replayed into a fresh store the
// caller opens (SQLite :memory: in the facade). The live models are not touched; the same typed queries run against the result.
import type { EventStore } from '@leadline/eventstore';
import type { Projector } from '../projector/projector.js';
import { targetOf } from '../projector/projector.js';
import { invalidArgument } from '../store/errors.js';
import type { ReadModelStore } from '../store/port.js';
import { FeedBatcher } from './batcher.js';
import { progressTracker, type ProgressListener } from './progress.js';
import { DEFAULT_BATCH_SIZE } from './runner.js';

/**
 * `position`: every event up to and including it. `instant`: the feed up to the first event that
 * occurred (metadata.occurredAt) after it — the history as it was known at that moment.
 */
export type AsOf = { readonly position: bigint } | { readonly instant: Date | string };

export interface AsOfOptions {
  readonly eventStore: EventStore;
  readonly projectors: readonly Projector[];
  readonly asOf: AsOf;
  /** A fresh, empty store to replay into; it is handed back in the result (dispose it when done). */
  readonly store: ReadModelStore;
  /** Told after every batch replayed (the CLI draws a bar); `total` is the store's head. */
  readonly onProgress?: ProgressListener;
}

export interface AsOfResult {
  /** The given store, holding each projector's model as of that point, live for queries. */
  readonly store: ReadModelStore;
  /** The position of the last event included (START when none). */
  readonly position: bigint;
  readonly events: number;
}

export async function projectAsOf(options: AsOfOptions): Promise<AsOfResult> {
  const isIncluded = inclusion(options.asOf);
  const store = options.store;
  for (const projector of options.projectors) {
    await store.prepare(projector);
    await store.makeLive(targetOf(projector));
  }
  const batcher = new FeedBatcher(
    store,
    options.projectors.map((projector) => ({ projector, checkpoint: 0n })),
  );
  const track = progressTracker(
    options.onProgress === undefined ? 0n : await options.eventStore.headPosition(),
    options.onProgress,
  );
  let position = 0n;
  let events = 0;
  let reported = 0;
  const flush = async (): Promise<void> => {
    await batcher.flush();
    track(position, events - reported);
    reported = events;
  };
  for await (const event of options.eventStore.readAll()) {
    if (!isIncluded(event.position, event.metadata.occurredAt)) break;
    batcher.add(event);
    position = event.position;
    events += 1;
    if (batcher.size >= DEFAULT_BATCH_SIZE) await flush();
  }
  await flush();
  return { store, position, events };
}

function inclusion(asOf: AsOf): (position: bigint, occurredAt: string) => boolean {
  if ('position' in asOf) {
    if (asOf.position < 0n)
      throw invalidArgument('asOf.position', 'non-negative', 'An as-of position cannot be negative.');
    return (position) => position <= asOf.position;
  }
  const limit = new Date(asOf.instant).getTime();
  if (Number.isNaN(limit))
    throw invalidArgument('asOf.instant', 'iso-8601', `"${String(asOf.instant)}" is not an instant (use ISO 8601).`);
  return (_position, occurredAt) => new Date(occurredAt).getTime() <= limit;
}
