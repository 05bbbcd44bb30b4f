// Feeding recorded events straight into a read-model store, without an event store: the way the
// property tests deliver histories in chosen batch sizes, twice, or cut at a position.
import type { LeadlineEventType } from '@leadline/domain';
import type { RecordedEvent } from '@leadline/eventstore';
import type { ProjectedEvent, Projector } from '../projector/projector.js';
import { targetOf } from '../projector/projector.js';
import type { ReadModelReader, ReadModelStore } from '../store/port.js';
import type { Row } from '../store/schema.js';
import { encodeKey } from '../store/schema.js';

/** Prepares every projector and makes its version live, as the runner does on first start. */
export async function prepareLive(store: ReadModelStore, projectors: readonly Projector[]): Promise<void> {
  for (const projector of projectors) {
    await store.prepare(projector);
    if ((await store.liveVersion(projector.name)) === null) await store.makeLive(targetOf(projector));
  }
}

const handledBy = (projector: Projector, events: readonly RecordedEvent[]): ProjectedEvent[] => {
  const handles = new Set<LeadlineEventType>(projector.handles);
  return events.filter((event): event is ProjectedEvent => handles.has(event.type as LeadlineEventType));
};

export interface FeedOptions {
  /** Events per transaction; cycles through the list. Defaults to all at once. */
  readonly batchSizes?: readonly number[];
  /** Deliver each event twice in a row, as an at-least-once transport may. */
  readonly twice?: boolean;
}

/** Applies the events to every projector in batches, moving checkpoints as the runner would. */
export async function feed(
  store: ReadModelStore,
  projectors: readonly Projector[],
  events: readonly RecordedEvent[],
  options: FeedOptions = {},
): Promise<void> {
  const sizes = options.batchSizes ?? [Math.max(events.length, 1)];
  let offset = 0;
  let turn = 0;
  while (offset < events.length) {
    const size = Math.max(1, sizes[turn % sizes.length] ?? 1);
    const slice = events.slice(offset, offset + size);
    const delivered = options.twice === true ? slice.flatMap((event) => [event, event]) : slice;
    const checkpoint = slice[slice.length - 1]?.position ?? 0n;
    await store.applyBatches(
      projectors.map((projector) => ({ projector, events: handledBy(projector, delivered), checkpoint })),
    );
    offset += size;
    turn += 1;
  }
}

/** Every table of a projector version, rows ordered by primary key: what two models are compared by. */
export async function dumpReadModel(
  reader: ReadModelReader,
  projector: Projector,
  version?: number,
): Promise<Record<string, Row[]>> {
  const dump: Record<string, Row[]> = {};
  const target = version === undefined ? { name: projector.name } : { name: projector.name, version };
  for (const table of projector.tables) {
    const rows = await reader.select(target, table.name);
    dump[table.name] = [...rows].sort((a, b) => {
      const left = encodeKey(table.primaryKey.map((column) => a[column] ?? null));
      const right = encodeKey(table.primaryKey.map((column) => b[column] ?? null));
      return left < right ? -1 : left > right ? 1 : 0;
    });
  }
  return dump;
}
