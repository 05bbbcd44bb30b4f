// The read-model store in memory: for tests, as-of replays and small embedded uses. A batch is
// applied through the overlay and committed in one synchronous step, so it lands whole or not at all.
import type { Projector, ProjectorTarget } from '../projector/projector.js';
import { describeTarget } from '../projector/projector.js';
import { ReadModelError, ReadModelErrorCode } from '../store/errors.js';
import { BatchOverlay, updated } from '../store/overlay.js';
import type { ProjectorBatch, ReadModelStore, ReadTarget } from '../store/port.js';
import type { Query } from '../store/query.js';
import { runQuery } from '../store/query.js';
import type { Row, TableSchema } from '../store/schema.js';
import { tableOf, validateQuery } from '../store/validate.js';

interface VersionState {
  readonly projector: Projector;
  /** Table name → primary key → row. Rows are never mutated, only replaced. */
  readonly rows: Map<string, Map<string, Row>>;
  checkpoint: bigint | null;
}

const targetKey = (target: ProjectorTarget): string => `${target.name}\u0000${target.version}`;

export function createMemoryReadModelStore(): ReadModelStore {
  const versions = new Map<string, VersionState>();
  const live = new Map<string, number>();
  let disposed = false;

  const versionOf = (target: ProjectorTarget): VersionState => {
    if (disposed)
      throw new ReadModelError(
        ReadModelErrorCode.Disposed,
        'store',
        'not-disposed',
        'The read-model store was disposed.',
      );
    const state = versions.get(targetKey(target));
    if (state === undefined) {
      throw new ReadModelError(
        ReadModelErrorCode.NotReady,
        target.name,
        'prepared',
        `${describeTarget(target)} was never prepared in this store.`,
      );
    }
    return state;
  };

  const commit = (state: VersionState, batch: ProjectorBatch, overlay: BatchOverlay): void => {
    const { pending } = overlay.result();
    for (const write of pending) {
      const table = state.rows.get(write.table.name);
      if (table === undefined) continue;
      if (write.kind === 'updateWhere') {
        for (const [key, row] of table) table.set(key, updated(row, write.where, write.changes, write.position));
      }
    }
    overlay.forEachChanged((schema, key, row) => state.rows.get(schema.name)?.set(key, row));
    // Checkpoints only move forward, whoever commits last.
    if (state.checkpoint === null || batch.checkpoint > state.checkpoint) state.checkpoint = batch.checkpoint;
  };

  return {
    kind: 'memory',

    async prepare(projector: Projector): Promise<void> {
      const key = targetKey(projector);
      if (versions.has(key)) return;
      versions.set(key, {
        projector,
        rows: new Map(projector.tables.map((table) => [table.name, new Map<string, Row>()])),
        checkpoint: null,
      });
    },

    async checkpoint(target: ProjectorTarget): Promise<bigint | null> {
      return versionOf(target).checkpoint;
    },

    async applyBatches(batches: readonly ProjectorBatch[]): Promise<void> {
      // Apply every batch before committing any, so a handler that throws leaves the store untouched.
      const applied = batches.map((batch) => {
        const state = versionOf(batch.projector);
        const readBase = (schema: TableSchema, _key: unknown, encoded: string): Row | undefined =>
          state.rows.get(schema.name)?.get(encoded);
        const overlay = new BatchOverlay(batch.projector.tables, readBase);
        for (const event of batch.events) {
          overlay.at(event.position);
          batch.projector.apply(event, overlay.tx);
        }
        return { state, batch, overlay };
      });
      for (const { state, batch, overlay } of applied) commit(state, batch, overlay);
    },

    async liveVersion(name: string): Promise<number | null> {
      return live.get(name) ?? null;
    },

    async makeLive(target: ProjectorTarget): Promise<void> {
      versionOf(target);
      live.set(target.name, target.version);
    },

    async dropVersion(target: ProjectorTarget, options: { readonly evenIfLive?: boolean } = {}): Promise<void> {
      if (live.get(target.name) === target.version) {
        if (options.evenIfLive === true) {
          live.delete(target.name);
          versions.delete(targetKey(target));
          return;
        }
        throw new ReadModelError(
          ReadModelErrorCode.LiveVersion,
          target.name,
          'not-live',
          `${describeTarget(target)} is live; make another version live before dropping it.`,
        );
      }
      versions.delete(targetKey(target));
    },

    async select(target: ReadTarget, table: string, query: Query = {}): Promise<Row[]> {
      const version = target.version ?? live.get(target.name);
      if (version === undefined) {
        throw new ReadModelError(
          ReadModelErrorCode.NotReady,
          target.name,
          'live-version',
          `No version of ${target.name} is live yet: run the projections first.`,
        );
      }
      const state = versionOf({ name: target.name, version });
      const schema = tableOf(state.projector.tables, table, describeTarget({ name: target.name, version }));
      validateQuery(schema, query);
      return runQuery(state.rows.get(table)?.values() ?? [], query);
    },

    async dispose(): Promise<void> {
      disposed = true;
      versions.clear();
    },
  };
}
