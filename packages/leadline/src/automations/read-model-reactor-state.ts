// Reactor checkpoints and parked events kept in the read-model store, so they survive a restart and sit
// beside the read models (SQLite, PostgreSQL). Each reactor is a projector of its own that handles no
// event type: its checkpoint is the reactor's checkpoint, one table holds its parked events and another
// the replays that handled them. Parking writes the row and moves the checkpoint in one transaction.
// A replay is a row of its own rather than an update of the parked row: the read-model store treats a
// second write at an event's position as a redelivery and leaves the row alone.
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@leadline/eventstore';
import {
  ColumnType,
  defineTable,
  eq,
  type ProjectedEvent,
  type Projector,
  type ProjectionTx,
  type ReadModelStore,
  type Row,
} from '@leadline/projections';
import type { ParkedEvent, ReactorStateStore } from './reactor-state.js';

/** A reactor name as a SQL identifier: readable part plus a hash, so any name maps to a distinct table. */
export function reactorSlug(reactor: string): string {
  const readable = reactor
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 24);
  const hash = createHash('sha256').update(reactor).digest('hex').slice(0, 8);
  return `${readable === '' ? 'r' : readable}_${hash}`;
}

function reactorProjector(reactor: string): Projector {
  const slug = reactorSlug(reactor);
  const parked = defineTable({
    name: `reactor_${slug}_parked`,
    description: `Events the reactor "${reactor}" gave up on (parked), and when a replay handled them.`,
    columns: {
      event_id: [ColumnType.Text, false, 'The parked event.'],
      position: [ColumnType.Integer, false, 'Its global position.'],
      stream_name: [ColumnType.Text, false, 'Its stream.'],
      revision: [ColumnType.Integer, false, 'Its revision in the stream.'],
      type: [ColumnType.Text, false, 'Its type.'],
      data_json: [ColumnType.Text, false, 'Its data, as JSON.'],
      metadata_json: [ColumnType.Text, false, 'Its metadata, as JSON.'],
      attempts: [ColumnType.Integer, false, 'Deliveries before it was parked.'],
      error_name: [ColumnType.Text, false, 'The last error.'],
      error_message: [ColumnType.Text, false, 'The last error message.'],
      parked_at: [ColumnType.Timestamp, false, 'When it was parked.'],
    },
    primaryKey: ['event_id'],
  });
  const replays = defineTable({
    name: `reactor_${slug}_replays`,
    description: `Parked events of the reactor "${reactor}" that a replay handled; they are parked no more.`,
    columns: {
      event_id: [ColumnType.Text, false, 'The event a replay handled.'],
      replayed_at: [ColumnType.Timestamp, false, 'When the replay handled it.'],
    },
    primaryKey: ['event_id'],
  });
  return { name: `reactor_${slug}`, version: 1, handles: [], tables: [parked, replays], apply: () => undefined };
}

/** The names of the reactor's two tables: parked events, then replays. */
const tableNames = (projector: Projector): [parked: string, replays: string] => [
  projector.tables[0]?.name ?? '',
  projector.tables[1]?.name ?? '',
];

/** The reactor's projector with a one-off `apply` that writes one row for the event of the batch. */
const writing = (projector: Projector, write: (tx: ProjectionTx) => void): Projector => ({
  ...projector,
  apply: (_event, tx) => write(tx),
});

const toRow = (entry: ParkedEvent): Row => ({
  event_id: entry.event.eventId,
  position: Number(entry.event.position),
  stream_name: entry.event.streamName,
  revision: Number(entry.event.revision),
  type: entry.event.type,
  data_json: JSON.stringify(entry.event.data),
  metadata_json: JSON.stringify(entry.event.metadata),
  attempts: entry.attempts,
  error_name: entry.error.name,
  error_message: entry.error.message,
  parked_at: entry.parkedAt,
});

const fromRow = (reactor: string, row: Row): ParkedEvent => ({
  reactor,
  event: {
    eventId: String(row['event_id']),
    position: BigInt(Number(row['position'])),
    streamName: String(row['stream_name']),
    revision: BigInt(Number(row['revision'])),
    type: String(row['type']),
    data: JSON.parse(String(row['data_json'])) as unknown,
    metadata: JSON.parse(String(row['metadata_json'])) as RecordedEvent['metadata'],
  },
  attempts: Number(row['attempts']),
  error: { name: String(row['error_name']), message: String(row['error_message']) },
  parkedAt: String(row['parked_at']),
});

/** Keeps reactor state in `readModels`; `clock` stamps replays. Reactors are known once used. */
export function createReadModelReactorState(readModels: ReadModelStore, clock: { now(): Date }): ReactorStateStore {
  const projectors = new Map<string, Promise<Projector>>();
  const ready = (reactor: string): Promise<Projector> => {
    let projector = projectors.get(reactor);
    if (projector === undefined) {
      projector = (async () => {
        const definition = reactorProjector(reactor);
        await readModels.prepare(definition);
        if ((await readModels.liveVersion(definition.name)) === null)
          await readModels.makeLive({ name: definition.name, version: definition.version });
        return definition;
      })();
      projectors.set(reactor, projector);
    }
    return projector;
  };
  const parkedOf = async (reactor: string): Promise<ParkedEvent[]> => {
    const projector = await ready(reactor);
    const [parked, replays] = tableNames(projector);
    const replayed = new Set(
      (await readModels.select({ name: projector.name }, replays, {})).map((row) => String(row['event_id'])),
    );
    const rows = await readModels.select({ name: projector.name }, parked, { orderBy: [{ column: 'position' }] });
    return rows.filter((row) => !replayed.has(String(row['event_id']))).map((row) => fromRow(reactor, row));
  };

  return {
    async checkpoint(reactor) {
      const projector = await ready(reactor);
      return readModels.checkpoint({ name: projector.name, version: projector.version });
    },
    async saveCheckpoint(reactor, position) {
      await readModels.applyBatches([{ projector: await ready(reactor), events: [], checkpoint: position }]);
    },
    async park(entry) {
      const projector = await ready(entry.reactor);
      const [parked] = tableNames(projector);
      const write = writing(projector, (tx) => tx.upsert(parked, toRow(entry)));
      await readModels.applyBatches([
        { projector: write, events: [entry.event as ProjectedEvent], checkpoint: entry.event.position },
      ]);
    },
    async unpark(reactor, eventId) {
      const projector = await ready(reactor);
      const [parked, replays] = tableNames(projector);
      const [row] = await readModels.select({ name: projector.name }, parked, { where: [eq('event_id', eventId)] });
      if (row === undefined) return;
      const entry = fromRow(reactor, row);
      const replayedAt = clock.now().toISOString();
      const write = writing(projector, (tx) => tx.upsert(replays, { event_id: eventId, replayed_at: replayedAt }));
      // The checkpoint only moves forward, so passing the event's own position never moves it back.
      await readModels.applyBatches([
        { projector: write, events: [entry.event as ProjectedEvent], checkpoint: entry.event.position },
      ]);
    },
    async parked(reactor) {
      const reactors = reactor === undefined ? [...projectors.keys()] : [reactor];
      const all = (await Promise.all(reactors.map(parkedOf))).flat();
      return all.sort((a, b) =>
        a.event.position < b.event.position ? -1 : a.event.position > b.event.position ? 1 : 0,
      );
    },
  };
}
