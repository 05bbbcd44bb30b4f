// Retrying parked events after a fix (an upcaster, a corrected projector): each is read again from the
// event store (so upcasters apply) and applied at its own position, with the retry's outcome recorded in
// the same transaction, oldest first; the later events of a stream whose event stays parked wait behind
// it. (The runner parks a stream's later events behind a parked one, so a retry replays them in order.)
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import type { ProjectedEvent, Projector } from '../projector/projector.js';
import { describeTarget } from '../projector/projector.js';
import { ReadModelError, ReadModelErrorCode } from '../store/errors.js';
import type { ReadModelStore } from '../store/port.js';
import type { ParkedProjectionEvent, ParkingError } from './parked-events.js';
import { listParked, ParkedBehindError, parkingErrorOf, prepareParking, retryBatch } from './parked-events.js';

/** Which parked events to retry: all of them unless narrowed. */
export interface RetryFilter {
  readonly projector?: string;
  readonly eventId?: string;
}

export interface RetryOutcome {
  readonly parked: ParkedProjectionEvent;
  /** True when the event is applied now and parked no more. */
  readonly applied: boolean;
  /** Why it is still parked. */
  readonly error: ParkingError | null;
}

export interface RetryContext {
  readonly eventStore: EventStore;
  readonly store: ReadModelStore;
  /** The projectors this instance runs: a parked event of another version is left alone. */
  readonly projectors: readonly Projector[];
  readonly now: () => Date;
}

export async function retryParked(context: RetryContext, filter: RetryFilter = {}): Promise<RetryOutcome[]> {
  const { store } = context;
  await prepareParking(store);
  const parked = (
    await listParked(store, filter.projector === undefined ? {} : { projector: filter.projector })
  ).filter((entry) => filter.eventId === undefined || entry.eventId === filter.eventId);
  if (parked.length === 0 && filter.eventId !== undefined) {
    throw new ReadModelError(
      ReadModelErrorCode.NotParked,
      'eventId',
      'parked',
      `No parked event ${filter.eventId}${filter.projector === undefined ? '' : ` for ${filter.projector}`}.`,
    );
  }
  const outcomes: RetryOutcome[] = [];
  // A stream's events go in order: once one stays parked, the later ones of its stream wait behind it.
  const stuck = new Set<string>();
  for (const entry of parked) {
    const key = JSON.stringify([entry.projector, entry.version, entry.streamName]);
    const outcome = stuck.has(key)
      ? { parked: entry, applied: false, error: parkingErrorOf(new ParkedBehindError(entry)) }
      : await retryOne(context, entry);
    if (!outcome.applied) stuck.add(key);
    outcomes.push(outcome);
  }
  return outcomes;
}

async function retryOne(context: RetryContext, parked: ParkedProjectionEvent): Promise<RetryOutcome> {
  const projector = context.projectors.find(
    (candidate) => candidate.name === parked.projector && candidate.version === parked.version,
  );
  if (projector === undefined) {
    return refused(
      parked,
      `${describeTarget({ name: parked.projector, version: parked.version })} is not run here: retry where it runs, or rebuild it.`,
    );
  }
  const event = await eventAt(context.eventStore, parked.position);
  if (event?.eventId !== parked.eventId) {
    return refused(parked, `The event store holds no event ${parked.eventId} at position ${parked.position}.`);
  }
  const retriedAt = context.now().toISOString();
  try {
    await context.store.applyBatches([
      // The checkpoint only moves forward: naming the event's own position never moves it back.
      { projector, events: [event as ProjectedEvent], checkpoint: event.position },
      retryBatch(parked, event, { applied: true }, retriedAt),
    ]);
    return { parked, applied: true, error: null };
  } catch (error) {
    await context.store.applyBatches([retryBatch(parked, event, { applied: false, error }, retriedAt)]);
    return { parked, applied: false, error: parkingErrorOf(error) };
  }
}

const refused = (parked: ParkedProjectionEvent, message: string): RetryOutcome => ({
  parked,
  applied: false,
  error: { name: 'ReadModelError', code: ReadModelErrorCode.NotParked, message },
});

async function eventAt(eventStore: EventStore, position: bigint): Promise<RecordedEvent | undefined> {
  for await (const event of eventStore.readAll({ after: position - 1n, maxCount: 1 })) {
    return event.position === position ? event : undefined;
  }
  return undefined;
}
