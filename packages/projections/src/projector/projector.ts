// A projector is a pure definition: which events it handles, which tables it keeps, and how each event
// changes them through a ProjectionTx. It does no I/O of its own, so every store can run it.
import type { LeadlineEvent, LeadlineEventType } from '@leadline/domain';
import type { RecordedEvent } from '@leadline/eventstore';
import type { Condition } from '../store/query.js';
import type { Row, SqlValue, TableSchema } from '../store/schema.js';

/** A recorded event typed by the domain catalogue: match on `type` and `data` is typed. */
export type ProjectedEvent<E extends LeadlineEvent = LeadlineEvent> = E extends LeadlineEvent
  ? RecordedEvent<E['type'], E['data']>
  : never;

/**
 * A row named by its table and primary-key values (in primary-key column order). Fewer values than the
 * key has name every row whose key starts with them (all stages of a workflow): a store that loads them
 * knows the rows it did not find under that prefix are absent.
 */
export interface RowRef {
  readonly table: string;
  readonly key: readonly SqlValue[];
}

/**
 * What a handler may do to its tables while one event is applied. Writes are absolute (no
 * increments) and never delete (mark a row instead): a store applies a write only when the row's
 * `last_position` is not past the event, so delivering an event again changes nothing.
 */
export interface ProjectionTx {
  /** A row as this batch left it so far. Stores that cannot read synchronously serve it from `prefetch`. */
  get(table: string, key: readonly SqlValue[]): Row | undefined;
  /** Inserts or replaces the whole row (columns left out are null). */
  upsert(table: string, row: Row): void;
  /** Changes some columns of an existing row; nothing when the row does not exist. */
  patch(table: string, key: readonly SqlValue[], changes: Row): void;
  /** Changes some columns of every row matching all conditions (a stage renamed, a stage removed). */
  updateWhere(table: string, where: readonly Condition[], changes: Row): void;
}

export interface Projector {
  /** Stable name; with `version` it names the checkpoint and the physical tables. */
  readonly name: string;
  /** Bump it when handlers or tables change: the new version is rebuilt beside the old one. */
  readonly version: number;
  readonly handles: readonly LeadlineEventType[];
  readonly tables: readonly TableSchema[];
  /**
   * The rows `apply` will `get` (and ideally `patch`) for this event, so stores that batch their reads
   * (PostgreSQL) load them in one query per table before the batch. Omit when `apply` never reads.
   */
  readonly prefetch?: (event: ProjectedEvent) => readonly RowRef[];
  apply(event: ProjectedEvent, tx: ProjectionTx): void;
}

/** One projector version: what a checkpoint and a set of physical tables belong to. */
export interface ProjectorTarget {
  readonly name: string;
  readonly version: number;
}

export const targetOf = (projector: Projector): ProjectorTarget => ({
  name: projector.name,
  version: projector.version,
});
export const describeTarget = (target: ProjectorTarget): string => `${target.name} v${target.version}`;

/** A row's position guard: true when the row already reflects this event or a later one. */
export const alreadyApplied = (row: Row | undefined, event: { readonly position: bigint }): boolean =>
  // Positions are far below 2^53, so comparing as numbers is exact and builds no BigInt per event.
  row !== undefined && typeof row['last_position'] === 'number' && row['last_position'] >= Number(event.position);
