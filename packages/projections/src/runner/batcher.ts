// Distributes the global feed to projectors in batches: each projector gets the events it handles
// after its own checkpoint, and every checkpoint moves with its batch in one store transaction. An event
// a projector cannot apply is parked (a dead letter) and the projector goes on: one bad event never
// stops the read side. The later events of its stream are parked behind it until a retry applies it.
import type { LeadlineEventType } from '@leadline/domain';
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import type { ProjectedEvent, Projector } from '../projector/projector.js';
import { listParked, ParkedBehindError, parkingBatch } from '../parking/parked-events.js';
import { targetOf } from '../projector/projector.js';
import type { ProjectorBatch, ReadModelStore } from '../store/port.js';
import type { LeaseFence } from '../leases/lease.js';
import { isLeaseLost } from '../store/errors.js';

interface Lane {
  readonly projector: Projector;
  readonly handles: ReadonlySet<string>;
  checkpoint: bigint;
  events: ProjectedEvent[];
  /** Streams with a parked event: their later events are parked behind it. */
  blocked: Set<string>;
  /** The lease the lane's writes must still hold when they commit (leased runners only). */
  readonly fence: LeaseFence | undefined;
  /** The rebuild beside the live tables the lane loads (rebuilds only). */
  readonly build: number | undefined;
}

const fencesOf = (lanes: readonly Lane[]): LeaseFence[] =>
  lanes.flatMap((lane) => (lane.fence === undefined ? [] : [lane.fence]));

const NONE: readonly ProjectedEvent[] = [];

/** The lane's projector, and the shadow build its batches load when it rebuilds beside the live tables. */
const laneTarget = (lane: Lane): { projector: Projector; build?: number } =>
  lane.build === undefined ? { projector: lane.projector } : { projector: lane.projector, build: lane.build };

const isHandled = (event: RecordedEvent, handles: ReadonlySet<string>): event is ProjectedEvent =>
  handles.has(event.type);

export class FeedBatcher {
  private readonly lanes: Lane[];
  private buffered = 0;
  private lastPosition: bigint;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ReadModelStore,
    projectors: readonly {
      readonly projector: Projector;
      readonly checkpoint: bigint;
      /** Streams with events of this projector parked (read from the store when the runner opens). */
      readonly blocked?: ReadonlySet<string>;
      readonly fence?: LeaseFence;
      /** Load this rebuild's shadow tables instead of the live ones (see ReadModelStore.openShadow). */
      readonly build?: number;
    }[],
    /** Told after every commit: the position now committed and how many feed events it covered. */
    private readonly onCommitted?: (position: bigint, events: number) => void,
    /** Stamps parked events. */
    private readonly now: () => Date = () => new Date(),
    /** Told of every event parked: the projector went on without it. */
    private readonly onParked?: (projector: Projector, event: RecordedEvent, error: unknown) => void,
  ) {
    this.lanes = projectors.map(({ projector, checkpoint, blocked, fence, build }) => ({
      projector,
      handles: new Set<LeadlineEventType>(projector.handles),
      checkpoint,
      events: [],
      blocked: new Set(blocked),
      fence,
      build,
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

  /**
   * Catches up: reads the feed after the lowest checkpoint, committing every `batchSize` events, then
   * moves every checkpoint to `head` (the store's head when the catch-up began). Returns the events read.
   */
  async catchUp(eventStore: EventStore, head: bigint, batchSize: number): Promise<number> {
    let events = 0;
    for await (const event of eventStore.readAll({ after: this.lowestCheckpoint() })) {
      this.add(event);
      events += 1;
      if (this.size >= batchSize) await this.flush();
    }
    this.reached(head);
    await this.flush();
    return events;
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
    const work = this.lanes.filter((lane) => lane.checkpoint < upTo).map((lane) => ({ lane, events: lane.events }));
    for (const lane of this.lanes) lane.events = [];
    const count = this.buffered;
    this.buffered = 0;
    try {
      if (work.length > 0) await this.apply(work, upTo);
    } catch (error) {
      // The store failed, not an event: put back what did not land, so a retry commits it in order.
      for (const { lane, events } of work)
        lane.events = [...events.filter((event) => event.position > lane.checkpoint), ...lane.events];
      this.buffered += count;
      throw error;
    }
    this.onCommitted?.(upTo, count);
  }

  /**
   * One transaction for every lane; when it fails, each lane on its own, parking what cannot be applied.
   * Events of a stream with a parked event are parked behind it, unapplied, so a retry applies the
   * stream's events in order; which streams are held is read again when one of their events comes in.
   */
  private async apply(work: readonly { lane: Lane; events: ProjectedEvent[] }[], upTo: bigint): Promise<void> {
    for (const { lane, events } of work) if (this.split(lane, events).held.length > 0) await this.refreshHeld(lane);
    try {
      await this.store.applyBatches(
        work.flatMap(({ lane, events }) => this.batchesOf(lane, events, upTo)),
        fencesOf(work.map(({ lane }) => lane)),
      );
      for (const { lane, events } of work) this.reportHeld(lane, events);
    } catch (error) {
      // Another process owns the work now: nothing to isolate, the batch is its to apply.
      if (isLeaseLost(error)) throw error;
      for (const { lane, events } of work) await this.isolate(lane, events, upTo);
    }
    for (const { lane } of work) if (lane.checkpoint < upTo) lane.checkpoint = upTo;
  }

  /**
   * Commits the lane's events up to `upTo`, halving a part that fails until the event that fails alone
   * is found; that one is parked with the checkpoint moving past it. A part with no event to apply that
   * still fails, or a parking that fails, is the store's failure: it is thrown.
   */
  private async isolate(lane: Lane, events: readonly ProjectedEvent[], upTo: bigint): Promise<void> {
    try {
      await this.store.applyBatches(this.batchesOf(lane, events, upTo), fencesOf([lane]));
      this.reportHeld(lane, events);
      lane.checkpoint = upTo;
      return;
    } catch (error) {
      if (isLeaseLost(error)) throw error;
      const { free, held } = this.split(lane, events);
      const [only] = free;
      if (only === undefined) throw error;
      if (free.length === 1) {
        await this.park(lane, only, error, held, upTo);
        return;
      }
    }
    const middle = events.length >> 1;
    const first = events.slice(0, middle);
    await this.isolate(lane, first, first[first.length - 1]?.position ?? upTo);
    await this.isolate(lane, events.slice(middle), upTo);
  }

  private async park(
    lane: Lane,
    event: ProjectedEvent,
    error: unknown,
    held: readonly ProjectedEvent[],
    upTo: bigint,
  ): Promise<void> {
    await this.store.applyBatches(
      [
        { ...laneTarget(lane), events: [], checkpoint: upTo },
        parkingBatch(
          targetOf(lane.projector),
          [{ event, error }, ...held.map((behind) => ({ event: behind, error: new ParkedBehindError(behind) }))].sort(
            (a, b) => (a.event.position < b.event.position ? -1 : 1),
          ),
          this.now().toISOString(),
        ),
      ],
      fencesOf([lane]),
    );
    lane.blocked.add(event.streamName);
    lane.checkpoint = upTo;
    this.onParked?.(lane.projector, event, error);
    this.reportHeld(lane, held);
  }

  /** The lane's batch of the events it applies, and the parking of those held behind a parked event. */
  private batchesOf(lane: Lane, events: readonly ProjectedEvent[], upTo: bigint): ProjectorBatch[] {
    const { free, held } = this.split(lane, events);
    const batch: ProjectorBatch = { ...laneTarget(lane), events: free, checkpoint: upTo };
    if (held.length === 0) return [batch];
    const behind = held.map((event) => ({ event, error: new ParkedBehindError(event) }));
    return [batch, parkingBatch(targetOf(lane.projector), behind, this.now().toISOString())];
  }

  private split(
    lane: Lane,
    events: readonly ProjectedEvent[],
  ): { free: readonly ProjectedEvent[]; held: readonly ProjectedEvent[] } {
    // The usual case (nothing parked) copies nothing: this runs for every batch.
    if (lane.blocked.size === 0) return { free: events, held: NONE };
    const free: ProjectedEvent[] = [];
    const held: ProjectedEvent[] = [];
    for (const event of events) (lane.blocked.has(event.streamName) ? held : free).push(event);
    return { free, held };
  }

  /** A retry (in this process or another) may have applied a stream's parked events: read them again. */
  private async refreshHeld(lane: Lane): Promise<void> {
    const parked = await listParked(this.store, { projector: lane.projector.name });
    lane.blocked = new Set(
      parked.filter((entry) => entry.version === lane.projector.version).map((entry) => entry.streamName),
    );
  }

  private reportHeld(lane: Lane, events: readonly ProjectedEvent[]): void {
    if (this.onParked === undefined || lane.blocked.size === 0) return;
    for (const event of this.split(lane, events).held)
      this.onParked(lane.projector, event, new ParkedBehindError(event));
  }
}
