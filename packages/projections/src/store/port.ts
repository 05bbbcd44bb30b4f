// The read-model store port: tables per projector version, batches applied atomically with their
// checkpoint, an atomic switch of the live version, and the small query interface queries use.
import type { LeaseFence, LeaseStore } from '../leases/lease.js';
import type { ProjectedEvent, Projector, ProjectorTarget } from '../projector/projector.js';
import type { SqlReadModels } from '../sql/engine.js';
import type { Query } from './query.js';
import type { Row } from './schema.js';

/** The events of one projector for one transaction, and the checkpoint it commits with them. */
export interface ProjectorBatch {
  readonly projector: Projector;
  /** Only events the projector handles, in global order, all after its current checkpoint. */
  readonly events: readonly ProjectedEvent[];
  /** The global position the projector has seen up to when this batch commits (may pass `events`). */
  readonly checkpoint: bigint;
}

/** Which version a query reads: the live one unless a version is named (a rebuild, a comparison). */
export interface ReadTarget {
  readonly name: string;
  readonly version?: number;
}

/** The read side, all a typed query needs; an as-of replay offers it too. */
export interface ReadModelReader {
  /** The typed queries' way in: SQL over the live versions' public views. */
  readonly sql: SqlReadModels;
  /** Rows of one table of a version (whole-model comparisons, small lookups by bookkeeping code). */
  select(target: ReadTarget, table: string, query?: Query): Promise<Row[]>;
}

export interface ReadModelStore extends ReadModelReader {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the projector version's tables and indexes when absent. Safe to call again. */
  prepare(projector: Projector): Promise<void>;
  /** The position this projector version has applied up to; null before its first batch. */
  checkpoint(target: ProjectorTarget): Promise<bigint | null>;
  /**
   * Applies every batch's events and moves every checkpoint, all in one transaction: all of it or
   * none of it lands (exactly-once effect where tables and checkpoints share a database). With fences,
   * every lease named must still carry its token when the transaction commits, or nothing lands and
   * LEASE_LOST is thrown (a process that lost its lease while stalled never overwrites its successor).
   */
  applyBatches(batches: readonly ProjectorBatch[], fences?: readonly LeaseFence[]): Promise<void>;
  /** The lease table beside the read models, which several processes use to share out the work. */
  readonly leases: LeaseStore;
  /** The version readers see, or null when none is live yet. */
  liveVersion(name: string): Promise<number | null>;
  /** Makes this version the one readers see, atomically (SQL stores also repoint the public views). */
  makeLive(target: ProjectorTarget): Promise<void>;
  /**
   * Drops a version's tables and checkpoint; nothing when it does not exist. Refused for the live
   * version unless `evenIfLive`, which also clears the live pointer (readers see no model until the
   * next `makeLive`).
   */
  dropVersion(target: ProjectorTarget, options?: { readonly evenIfLive?: boolean }): Promise<void>;
  dispose(): Promise<void>;
}
