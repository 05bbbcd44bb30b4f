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
  /**
   * The rebuild beside the live tables this batch loads (`ShadowBuild.build`), its checkpoint moving
   * instead of the live one's; absent for the tables that hold the version now.
   */
  readonly build?: number;
}

/** A rebuild of a live projector version into fresh tables beside the live ones (its `build`-th set). */
export interface ShadowTarget extends ProjectorTarget {
  readonly build: number;
}

/** A rebuild beside the live tables as the store records it: where its load stands. */
export interface ShadowBuild extends ShadowTarget {
  /** The position its tables hold up to; null before its first batch. */
  readonly checkpoint: bigint | null;
  /** Whether its secondary indexes (and substring index) exist yet: they are made after the bulk load. */
  readonly indexed: boolean;
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
  /**
   * Starts a rebuild of the live version beside its tables (primary keys only, no secondary index), or
   * finds the one a stopped rebuild left, to resume it; `fresh` drops such a leftover and starts over.
   * Refused with READ_MODEL_NOT_READY when the projector's version is not the live one.
   */
  openShadow(projector: Projector, options?: { readonly fresh?: boolean }): Promise<ShadowBuild>;
  /** Creates the shadow's secondary indexes and substring index, once its bulk load is done. */
  indexShadow(shadow: ShadowTarget): Promise<void>;
  /**
   * In one transaction: when the shadow holds at least what the live tables hold (its checkpoint is not
   * behind theirs), repoints the public views and the version's checkpoint to it, drops the old tables
   * and returns true; otherwise changes nothing and returns false (catch the shadow up and try again).
   */
  switchToShadow(shadow: ShadowTarget): Promise<boolean>;
  /** Drops a rebuild's shadow tables and bookkeeping; nothing when there is none. */
  dropShadow(target: ProjectorTarget): Promise<void>;
  dispose(): Promise<void>;
}
