// The health of the read side: for each projector, where its checkpoint is, how far behind the store's
// head it runs and how many of its events are parked. Read from the stores, so any process can ask.
import type { EventStore } from '@leadline/eventstore';
import { listParked, prepareParking, type ParkingError } from '../parking/parked-events.js';
import type { Projector } from '../projector/projector.js';
import { targetOf } from '../projector/projector.js';
import type { ReadModelStore } from '../store/port.js';

export interface ProjectionHealth {
  readonly name: string;
  /** The version this instance runs. */
  readonly version: number;
  /** The version readers see (null before the first run). */
  readonly liveVersion: number | null;
  /** The position this version has applied up to (null before its first batch). */
  readonly checkpoint: bigint | null;
  /** Positions of the feed not applied yet: the head minus the checkpoint. */
  readonly lag: bigint;
  /** Its events parked and not yet applied by a retry. */
  readonly parked: number;
}

export interface ReadSideHealth {
  /** The store's head when the health was read. */
  readonly head: bigint;
  readonly projections: readonly ProjectionHealth[];
  /** True when no projection has parked events, nor is following stopped on a failure. */
  readonly healthy: boolean;
  /** The failure live following stopped on (null while it runs or was not started). */
  readonly failure: ParkingError | null;
}

export async function projectionHealth(
  eventStore: EventStore,
  store: ReadModelStore,
  projectors: readonly Projector[],
): Promise<Omit<ReadSideHealth, 'failure'>> {
  const head = await eventStore.headPosition();
  await prepareParking(store);
  const parked = await listParked(store);
  const projections: ProjectionHealth[] = [];
  for (const projector of projectors) {
    const checkpoint = await store.checkpoint(targetOf(projector)).catch(() => null);
    projections.push({
      name: projector.name,
      version: projector.version,
      liveVersion: await store.liveVersion(projector.name),
      checkpoint,
      lag: head - (checkpoint ?? 0n) > 0n ? head - (checkpoint ?? 0n) : 0n,
      parked: parked.filter((entry) => entry.projector === projector.name && entry.version === projector.version)
        .length,
    });
  }
  return { head, projections, healthy: projections.every((projection) => projection.parked === 0) };
}
