// The facade's health: each projection's checkpoint, lag and parked events, whether following stopped
// on a failure, and the events reactors parked. Read from the stores, so it answers for any process.
import type { EventStore } from '@leadline/eventstore';
import {
  listParked,
  prepareParking,
  projectionHealth,
  type ParkedProjectionEvent,
  type ParkingError,
  type ProjectionHealth,
  type ProjectionRunner,
  type Projector,
  type ReadModelStore,
  type RetryFilter,
  type RetryOutcome,
} from '@leadline/projections';
import type { Automations } from '../automations/automations.js';

export interface LeadlineHealth {
  /** No parked event anywhere, and the projections are not stopped on a failure. */
  readonly healthy: boolean;
  /** The event store's head when the health was read. */
  readonly head: bigint;
  /** Empty without read models. */
  readonly projections: readonly ProjectionHealth[];
  /** The failure live following of the projections stopped on, or null. */
  readonly projectionsFailure: ParkingError | null;
  /** Events reactors gave up on (automations.parked() lists them). */
  readonly parkedReactorEvents: number;
}

/** Parked projection events: list them, retry them after a fix. */
export interface ProjectionAdministration {
  /** Events a projector could not apply, oldest first (only the projector's when named). */
  parked(filter?: { readonly projector?: string }): Promise<ParkedProjectionEvent[]>;
  /** Applies parked events again (all, a projector's, or one event); those applied are parked no more. */
  retryParked(filter?: RetryFilter): Promise<RetryOutcome[]>;
}

export interface HealthSources {
  readonly store: EventStore;
  readonly readModels: ReadModelStore | null;
  readonly runner: ProjectionRunner | null;
  readonly projectors: readonly Projector[];
  readonly automations: Automations;
}

export async function readHealth(sources: HealthSources): Promise<LeadlineHealth> {
  const { readModels, runner } = sources;
  const readSide =
    runner !== null
      ? await runner.health()
      : readModels !== null
        ? { ...(await projectionHealth(sources.store, readModels, sources.projectors)), failure: null }
        : { head: await sources.store.headPosition(), projections: [], healthy: true, failure: null };
  const parkedReactorEvents = (await sources.automations.parked()).length;
  return {
    healthy: readSide.healthy && parkedReactorEvents === 0,
    head: readSide.head,
    projections: readSide.projections,
    projectionsFailure: readSide.failure,
    parkedReactorEvents,
  };
}

export function projectionAdministration(sources: HealthSources): ProjectionAdministration {
  return {
    async parked(filter = {}) {
      if (sources.readModels === null) return [];
      await prepareParking(sources.readModels);
      return listParked(sources.readModels, filter);
    },
    async retryParked(filter = {}) {
      if (sources.runner === null) return [];
      return sources.runner.retryParked(filter);
    },
  };
}
