// Projection dead letters: events a projector could not apply, kept in the read-model store beside the
// checkpoints. Like a reactor's parked events (leadline's automations), the bookkeeping is a projector of
// its own that handles no event type, so a parked row commits in the same transaction as the checkpoint
// that moves past it. A retry is a row of its own (the store treats a second write at an event's position
// as a redelivery). Only the event's identity is copied, never its data: the event store keeps that.
import type { RecordedEvent } from '@leadline/eventstore';
import type { ProjectedEvent, ProjectionTx, Projector, ProjectorTarget } from '../projector/projector.js';
import type { ProjectorBatch, ReadModelStore } from '../store/port.js';
import { eq } from '../store/query.js';
import type { Row } from '../store/schema.js';
import { ColumnType, defineTable } from '../store/schema.js';

/** An event a projector version could not apply; the projector went on past it. */
export interface ParkedProjectionEvent {
  readonly projector: string;
  readonly version: number;
  readonly position: bigint;
  readonly eventId: string;
  readonly streamName: string;
  readonly type: string;
  /** The latest failure: the first one, or the last retry's. */
  readonly error: ParkingError;
  /** ISO 8601: when it was first parked. */
  readonly parkedAt: string;
  /** Failed applications so far: 1 when parked, one more per failed retry. */
  readonly attempts: number;
}

export interface ParkingError {
  readonly name: string;
  /** The error's stable `code` when it has one. */
  readonly code: string | null;
  readonly message: string;
}

const parkedTable = defineTable({
  name: 'projection_parked_events',
  description: 'Events a projector version could not apply (parked); the projector went on past them.',
  columns: {
    projector: [ColumnType.Text, false, 'The projector that could not apply the event.'],
    version: [ColumnType.Integer, false, 'Its version.'],
    event_id: [ColumnType.Text, false, 'The parked event.'],
    position: [ColumnType.Integer, false, 'Its global position.'],
    stream_name: [ColumnType.Text, false, 'Its stream.'],
    type: [ColumnType.Text, false, 'Its type.'],
    error_name: [ColumnType.Text, false, 'The error the projector raised.'],
    error_code: [ColumnType.Text, true, 'Its stable code, when it has one.'],
    error_message: [ColumnType.Text, false, 'Its message.'],
    parked_at: [ColumnType.Timestamp, false, 'When it was parked.'],
  },
  primaryKey: ['projector', 'version', 'event_id'],
});

const retriesTable = defineTable({
  name: 'projection_parked_retries',
  description: 'Every retry of a parked event: applied (it is parked no more) or failed again, with the error.',
  columns: {
    projector: [ColumnType.Text, false, 'The projector.'],
    version: [ColumnType.Integer, false, 'Its version.'],
    event_id: [ColumnType.Text, false, 'The retried event.'],
    attempt: [ColumnType.Integer, false, 'The retry: 1 for the first.'],
    applied: [ColumnType.Boolean, false, 'True when the retry applied the event.'],
    error_name: [ColumnType.Text, true, 'The error of a failed retry.'],
    error_code: [ColumnType.Text, true, 'Its stable code, when it has one.'],
    error_message: [ColumnType.Text, true, 'Its message.'],
    retried_at: [ColumnType.Timestamp, false, 'When the retry ran.'],
  },
  primaryKey: ['projector', 'version', 'event_id', 'attempt'],
});

/** The bookkeeping projector: its tables hold the dead letters of every projector. */
export const PARKING_PROJECTOR: Projector = {
  name: 'projection_parking',
  version: 1,
  handles: [],
  tables: [parkedTable, retriesTable],
  apply: () => undefined,
};

/**
 * Why an event was parked without being tried: an earlier event of its stream is parked. Applying it
 * first would leave the read model as if the earlier one never happened; a retry applies both in order.
 */
export class ParkedBehindError extends Error {
  override readonly name = 'ParkedBehindError';
  readonly code = 'PARKED_BEHIND';
  constructor(event: { readonly streamName: string }) {
    super(`An earlier event of ${event.streamName} is parked; this one waits behind it.`);
  }
}

/** The error as it is stored and shown: name, stable code when it has one, message. */
export function parkingErrorOf(error: unknown): ParkingError {
  if (error instanceof Error) {
    const code = (error as { readonly code?: unknown }).code;
    return { name: error.name, code: typeof code === 'string' ? code : null, message: error.message };
  }
  return { name: 'Error', code: null, message: String(error) };
}

/** Prepares the parking tables and makes them readable; safe to call again. */
export async function prepareParking(store: ReadModelStore): Promise<void> {
  await store.prepare(PARKING_PROJECTOR);
  if ((await store.liveVersion(PARKING_PROJECTOR.name)) === null)
    await store.makeLive({ name: PARKING_PROJECTOR.name, version: PARKING_PROJECTOR.version });
}

type Writer = Pick<ProjectionTx, 'upsert'>;

/** A batch of the bookkeeping projector writing one row per event, each stamped with the event's position. */
function bookkeeping(
  events: readonly RecordedEvent[],
  write: (event: RecordedEvent, tx: Writer) => void,
): ProjectorBatch {
  const last = events[events.length - 1]?.position ?? 0n;
  return {
    projector: { ...PARKING_PROJECTOR, apply: (event, tx) => write(event, tx) },
    // The bookkeeping handles no type: the events only stamp its rows with their positions.
    events: events as readonly ProjectedEvent[],
    checkpoint: last,
  };
}

/** The rows that park `failures` (event and error) for the projector version `target`. */
export function parkingBatch(
  target: ProjectorTarget,
  failures: readonly { readonly event: RecordedEvent; readonly error: unknown }[],
  parkedAt: string,
): ProjectorBatch {
  const errors = new Map(failures.map(({ event, error }) => [event.eventId, parkingErrorOf(error)]));
  return bookkeeping(
    failures.map(({ event }) => event),
    (event, tx) => {
      const error = errors.get(event.eventId) ?? parkingErrorOf(undefined);
      tx.upsert(parkedTable.name, {
        projector: target.name,
        version: target.version,
        event_id: event.eventId,
        position: Number(event.position),
        stream_name: event.streamName,
        type: event.type,
        error_name: error.name,
        error_code: error.code,
        error_message: error.message,
        parked_at: parkedAt,
      });
    },
  );
}

/** The row recording one retry of a parked event: applied, or failed again with `error`. */
export function retryBatch(
  parked: ParkedProjectionEvent,
  event: RecordedEvent,
  outcome: { readonly applied: true } | { readonly applied: false; readonly error: unknown },
  retriedAt: string,
): ProjectorBatch {
  const error = outcome.applied ? null : parkingErrorOf(outcome.error);
  return bookkeeping([event], (_event, tx) =>
    tx.upsert(retriesTable.name, {
      projector: parked.projector,
      version: parked.version,
      event_id: parked.eventId,
      attempt: parked.attempts,
      applied: outcome.applied,
      error_name: error?.name ?? null,
      error_code: error?.code ?? null,
      error_message: error?.message ?? null,
      retried_at: retriedAt,
    }),
  );
}

const keyOf = (row: Row): string => JSON.stringify([row['projector'], row['version'], row['event_id']]);

/** The events still parked (no retry applied them), oldest first; only the projector's when named. */
export async function listParked(
  store: ReadModelStore,
  filter: { readonly projector?: string } = {},
): Promise<ParkedProjectionEvent[]> {
  const source = { name: PARKING_PROJECTOR.name };
  const where = filter.projector === undefined ? [] : [eq('projector', filter.projector)];
  const retries = await store.select(source, retriesTable.name, { where, orderBy: [{ column: 'attempt' }] });
  const applied = new Set(retries.filter((row) => row['applied'] === true).map(keyOf));
  const lastFailure = new Map<string, Row>();
  for (const row of retries) if (row['applied'] !== true) lastFailure.set(keyOf(row), row);
  const rows = await store.select(source, parkedTable.name, { where, orderBy: [{ column: 'position' }] });
  return rows
    .filter((row) => !applied.has(keyOf(row)))
    .map((row) => {
      const retried = lastFailure.get(keyOf(row));
      const failure = retried ?? row;
      return {
        projector: String(row['projector']),
        version: Number(row['version']),
        position: BigInt(Number(row['position'])),
        eventId: String(row['event_id']),
        streamName: String(row['stream_name']),
        type: String(row['type']),
        error: {
          name: String(failure['error_name']),
          code: failure['error_code'] === null ? null : String(failure['error_code']),
          message: String(failure['error_message']),
        },
        parkedAt: String(row['parked_at']),
        attempts: 1 + (retried === undefined ? 0 : Number(retried['attempt'])),
      };
    });
}
