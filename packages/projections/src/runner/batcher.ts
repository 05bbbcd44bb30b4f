// Distributes the global feed to projectors in batches: each projector gets the events it handles
// after its own checkpoint, and every checkpoint moves with its batch in one store transaction.
import type { LeadlineEventType } from '@leadline/domain';
import type { RecordedEvent } from '@leadline/eventstore';
import type { ProjectedEvent, Projector } from '../projector/projector.js';
import type { ProjectorBatch, ReadModelStore } from '../store/port.js';

interface Lane {
  readonly projector: Projector;
  readonly handles: ReadonlySet<string>;
  checkpoint: bigint;
  events: ProjectedEvent[];
}

const isHandled = (event: RecordedEvent, handles: ReadonlySet<string>): event is ProjectedEvent =>
  handles.has(event.type);

export class FeedBatcher {
  private readonly lanes: Lane[];
  private buffered = 0;
  private lastPosition: bigint;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ReadModelStore,
    projectors: readonly { readonly projector: Projector; readonly checkpoint: bigint }[],
    /** Told after every commit: the position now committed and how many feed events it covered. */
    private readonly onCommitted?: (position: bigint, events: number) => void,
  ) {
    this.lanes = projectors.map(({ projector, checkpoint }) => ({
      projector,
      handles: new Set<LeadlineEventType>(projector.handles),
      checkpoint,
      events: [],
    }));
    this.lastPosition = this.lowestCheckpoint();
  }

  /** The position every projector has reached: where the feed must be read from. */
  lowestCheckpoint(): bigint {
    return this.lanes.reduce(
      (lowest, lane) => (lane.checkpoint < lowest ? lane.checkpoint : lowest),
      this.lanes[0]?.checkpoint ?? 0n,
    );
  }

  /** Events taken since the last flush. */
  get size(): number {
    return this.buffered;
  }

  add(event: RecordedEvent): void {
    if (event.position > this.lastPosition) this.lastPosition = event.position;
    this.buffered += 1;
    for (const lane of this.lanes) {
      if (event.position > lane.checkpoint && isHandled(event, lane.handles)) lane.events.push(event);
    }
  }

  /** Lets checkpoints pass positions that carried nothing for them (the subscription's caught-up head). */
  reached(position: bigint): void {
    if (position > this.lastPosition) this.lastPosition = position;
  }

  /** The position every projector has committed up to. */
  committed(): bigint {
    return this.lowestCheckpoint();
  }

  /**
   * Commits what was taken, with every checkpoint moved to the last position seen. Calls queue up, so
   * events added while a commit is in flight go into the next one.
   */
  flush(): Promise<void> {
    const next = this.flushing.then(() => this.commit());
    this.flushing = next.catch(() => undefined);
    return next;
  }

  private async commit(): Promise<void> {
    const upTo = this.lastPosition;
    const taken = this.lanes.map((lane) => lane.events);
    const batches: ProjectorBatch[] = [];
    this.lanes.forEach((lane, index) => {
      lane.events = [];
      if (lane.checkpoint < upTo)
        batches.push({ projector: lane.projector, events: taken[index] ?? [], checkpoint: upTo });
    });
    const count = this.buffered;
    this.buffered = 0;
    try {
      if (batches.length > 0) await this.store.applyBatches(batches);
    } catch (error) {
      // Nothing landed: put the events back in front, so a retry commits them in order.
      this.lanes.forEach((lane, index) => {
        lane.events = [...(taken[index] ?? []), ...lane.events];
      });
      this.buffered += count;
      throw error;
    }
    for (const lane of this.lanes) if (lane.checkpoint < upTo) lane.checkpoint = upTo;
    this.onCommitted?.(upTo, count);
  }
}
