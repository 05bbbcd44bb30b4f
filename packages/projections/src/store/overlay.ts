// The unit of work every store applies a batch through: handlers read and write rows in memory, and
// the store writes only each changed row's final state (plus the rare bulk update) when the batch
// commits. Writes dominate rebuild cost, so this is where SQL stores win their speed.
import type { ProjectionTx } from '../projector/projector';
import { ReadModelError, ReadModelErrorCode } from './errors';
import type { Condition } from './query';
import { matchesAll } from './query';
import type { Row, SqlValue, TableSchema } from './schema';
import { canonicalInstant, ColumnType, encodeKey, POSITION_COLUMN } from './schema';

/** A statement the store runs against rows the overlay has not loaded, in order, before the final rows. */
export type PendingWrite =
  | { readonly kind: 'updateWhere'; readonly table: TableSchema; readonly where: readonly Condition[]; readonly changes: Row; readonly position: number }
  | { readonly kind: 'patch'; readonly table: TableSchema; readonly key: readonly SqlValue[]; readonly changes: Row; readonly position: number };

export interface OverlayResult {
  readonly pending: readonly PendingWrite[];
  /** Each changed row's final state, per table, in first-change order. */
  readonly rows: ReadonlyMap<TableSchema, readonly Row[]>;
}

/**
 * Reads a row as it was before the batch; absent for stores that cannot read synchronously. `encoded`
 * is `encodeKey(key)`, given so a store keyed by it need not build it again.
 */
export type BaseReader = (table: TableSchema, key: readonly SqlValue[], encoded: string) => Row | undefined;

interface TableState {
  readonly schema: TableSchema;
  /** Timestamp columns: written in one canonical ISO form so every store compares and returns them alike. */
  readonly instants: readonly string[];
  /** null: known to be absent; 'unknown': patched blind (no base reader), unreadable until rewritten. */
  readonly rows: Map<string, Row | null | 'unknown'>;
  /** Changed rows (first-change order) → the application that last wrote them. */
  readonly dirty: Map<string, number>;
}

export class BatchOverlay {
  private readonly tables = new Map<string, TableState>();
  private readonly pending: PendingWrite[] = [];
  private position = 0;
  /** Counts event applications: a row written in the current one may be written again at its position. */
  private application = 0;
  readonly tx: ProjectionTx;

  constructor(
    schemas: readonly TableSchema[],
    private readonly readBase: BaseReader | undefined,
    /** Rows loaded ahead (prefetch): table name → encoded key → row, or null when absent. */
    preloaded?: ReadonlyMap<string, ReadonlyMap<string, Row | null>>,
    /**
     * Upserts of rows the batch has not read go out without reading the base first: for SQL stores,
     * whose upsert carries the same position guard. Saves a read per journey step or stage visit.
     */
    private readonly blindUpserts = false,
  ) {
    for (const schema of schemas) {
      const instants = schema.columns.filter((column) => column.type === ColumnType.Timestamp).map((column) => column.name);
      this.tables.set(schema.name, { schema, instants, rows: new Map(preloaded?.get(schema.name) ?? []), dirty: new Map() });
    }
    this.tx = {
      get: (table, key) => this.get(table, key),
      upsert: (table, row) => this.upsert(table, row),
      patch: (table, key, changes) => this.patch(table, key, changes),
      updateWhere: (table, where, changes) => this.updateWhere(table, where, changes),
    };
  }

  /** The event being applied: its position stamps every write and guards against redelivery. */
  at(position: bigint): void {
    this.position = Number(position);
    this.application += 1;
  }

  /**
   * A row may change when its last change came from an earlier event, or from this very event in this
   * application. A row already at this position from before is a redelivery: it is left alone, even if
   * the rows the handler reads have changed since.
   */
  private mayWrite(state: TableState, encoded: string, row: Row): boolean {
    const last = Number(row[POSITION_COLUMN]);
    return last < this.position || (last === this.position && state.dirty.get(encoded) === this.application);
  }

  private written(state: TableState, encoded: string): void {
    state.dirty.set(encoded, this.application);
  }

  result(): OverlayResult {
    const rows = new Map<TableSchema, Row[]>();
    for (const state of this.tables.values()) {
      if (state.dirty.size === 0) continue;
      const changed: Row[] = [];
      for (const key of state.dirty.keys()) {
        const row = state.rows.get(key);
        if (row !== undefined && row !== null && row !== 'unknown') changed.push(row);
      }
      rows.set(state.schema, changed);
    }
    return { pending: this.pending, rows };
  }

  /** Each changed row's final state by encoded primary key, per table: for stores keyed the same way. */
  changedByKey(): Map<TableSchema, Map<string, Row>> {
    const tables = new Map<TableSchema, Map<string, Row>>();
    for (const state of this.tables.values()) {
      if (state.dirty.size === 0) continue;
      const changed = new Map<string, Row>();
      for (const key of state.dirty.keys()) {
        const row = state.rows.get(key);
        if (isRow(row)) changed.set(key, row);
      }
      tables.set(state.schema, changed);
    }
    return tables;
  }

  private state(table: string): TableState {
    const state = this.tables.get(table);
    if (state === undefined) {
      throw new ReadModelError(ReadModelErrorCode.UnknownTable, table, 'declared-table', `Table ${table} is not one of the projector's tables.`);
    }
    return state;
  }

  /** The row before this write, loading it from the base when the store can. */
  private current(state: TableState, encoded: string, key: readonly SqlValue[]): Row | null | 'unknown' | undefined {
    const cached = state.rows.get(encoded);
    if (cached !== undefined || this.readBase === undefined) return cached;
    let row: Row | null = this.readBase(state.schema, key, encoded) ?? null;
    for (const write of this.pending) {
      if (row !== null && write.kind === 'updateWhere' && write.table === state.schema) row = updated(row, write.where, write.changes, write.position);
    }
    state.rows.set(encoded, row);
    return row;
  }

  private get(table: string, key: readonly SqlValue[]): Row | undefined {
    const state = this.state(table);
    const row = this.current(state, encodeKey(key), key);
    if (row === undefined || row === 'unknown') {
      throw new ReadModelError(
        ReadModelErrorCode.UndeclaredRead,
        table,
        'declared-in-prefetch',
        `Row ${encodeKey(key)} of ${table} was read without being named in the projector's prefetch.`,
      );
    }
    return row ?? undefined;
  }

  private upsert(table: string, row: Row): void {
    const state = this.state(table);
    const full: Record<string, SqlValue> = {};
    for (const column of state.schema.columns) full[column.name] = row[column.name] ?? null;
    full[POSITION_COLUMN] = this.position;
    for (const column of state.instants) {
      const value = full[column];
      if (typeof value === 'string') full[column] = canonicalInstant(value);
    }
    const key = state.schema.primaryKey.map((column) => full[column] ?? null);
    const encoded = encodeKey(key);
    const before = this.blindUpserts ? state.rows.get(encoded) : this.current(state, encoded, key);
    if (isRow(before) && !this.mayWrite(state, encoded, before)) return;
    state.rows.set(encoded, full);
    this.written(state, encoded);
  }

  private patch(table: string, key: readonly SqlValue[], given: Row): void {
    const state = this.state(table);
    const changes = canonicalInstants(state.instants, given);
    const encoded = encodeKey(key);
    const before = this.current(state, encoded, key);
    if (before === undefined || before === 'unknown') {
      // No base reader and not prefetched: the store patches the stored row itself, guarded the same way.
      this.pending.push({ kind: 'patch', table: state.schema, key, changes, position: this.position });
      state.rows.set(encoded, 'unknown');
      return;
    }
    if (before === null || !this.mayWrite(state, encoded, before)) return;
    state.rows.set(encoded, { ...before, ...changes, [POSITION_COLUMN]: this.position });
    this.written(state, encoded);
  }

  private updateWhere(table: string, where: readonly Condition[], given: Row): void {
    const state = this.state(table);
    const changes = canonicalInstants(state.instants, given);
    for (const [encoded, row] of state.rows) {
      if (!isRow(row) || !this.mayWrite(state, encoded, row)) continue;
      const next = updated(row, where, changes, this.position);
      if (next !== row) {
        state.rows.set(encoded, next);
        this.written(state, encoded);
      }
    }
    this.pending.push({ kind: 'updateWhere', table: state.schema, where, changes, position: this.position });
  }
}

/** The row with its instants in canonical form: the same object when they already are (the usual case). */
function canonicalInstants(columns: readonly string[], row: Row): Row {
  let copy: Record<string, SqlValue> | undefined;
  for (const column of columns) {
    const value = row[column];
    if (typeof value !== 'string') continue;
    const canonical = canonicalInstant(value);
    if (canonical !== value) {
      copy ??= { ...row };
      copy[column] = canonical;
    }
  }
  return copy ?? row;
}

const isRow = (value: Row | null | 'unknown' | undefined): value is Row => typeof value === 'object' && value !== null;

/** The row after a guarded bulk update, or the same row when it does not match or is newer. */
export function updated(row: Row, where: readonly Condition[], changes: Row, position: number): Row {
  if (!matchesAll(row, where) || Number(row[POSITION_COLUMN]) > position) return row;
  return { ...row, ...changes, [POSITION_COLUMN]: position };
}
