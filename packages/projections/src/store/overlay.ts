// The unit of work every store applies a batch through: handlers read and write rows in memory, and
// the store writes only each changed row's final state (plus the rare bulk update) when the batch
// commits. Writes dominate rebuild cost, so this is where SQL stores win their speed.
import type { ProjectionTx } from '../projector/projector.js';
import { ReadModelError, ReadModelErrorCode } from './errors.js';
import type { Condition } from './query.js';
import type { LoadedPrefixes } from './prefetch.js';
import { matchesAll } from './query.js';
import type { Row, SqlValue, TableSchema } from './schema.js';
import { changedRow, emptyRow } from './row-shape.js';
import { canonicalInstant, ColumnType, encodeKey, KEY_SEPARATOR, POSITION_COLUMN } from './schema.js';

/** A statement the store runs against rows the overlay has not loaded, in order, before the final rows. */
export type PendingWrite =
  | {
      readonly kind: 'updateWhere';
      readonly table: TableSchema;
      readonly where: readonly Condition[];
      readonly changes: Row;
      readonly position: number;
    }
  | {
      readonly kind: 'patch';
      readonly table: TableSchema;
      readonly key: readonly SqlValue[];
      readonly changes: Row;
      readonly position: number;
    };

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

/** null: known to be absent; 'unknown': patched blind (no base reader), unreadable until rewritten. */
type Known = Row | null | 'unknown';

/** One row the batch has seen: what it is now, and which application last wrote it (0: none yet). */
interface Slot {
  row: Known;
  writtenIn: number;
}

interface TableState {
  readonly schema: TableSchema;
  readonly columns: readonly string[];
  /** Timestamp columns: written in one canonical ISO form so every store compares and returns them alike. */
  readonly instants: readonly string[];
  readonly keyOf: (row: Row) => string;
  readonly slots: Map<string, Slot>;
  readonly preloaded: ReadonlyMap<string, Row | null> | undefined;
  readonly loadedPrefixes: ReadonlySet<string> | undefined;
  /** Changed rows in first-change order, with their encoded keys. */
  readonly changed: Slot[];
  readonly changedKeys: string[];
}

const keyReader = (primaryKey: readonly string[]): ((row: Row) => string) => {
  const [first, second] = primaryKey;
  // Keys of one or two columns (every table Leadline ships) are encoded as encodeKey does, no array built.
  if (primaryKey.length === 1 && first !== undefined) return (row) => String(row[first] ?? null);
  if (primaryKey.length === 2 && first !== undefined && second !== undefined)
    return (row) => `${String(row[first] ?? null)}${KEY_SEPARATOR}${String(row[second] ?? null)}`;
  return (row) => encodeKey(primaryKey.map((column) => row[column] ?? null));
};

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
    /** Key prefixes whose rows were all preloaded: a row under one that was not loaded is absent. */
    loadedPrefixes?: LoadedPrefixes,
  ) {
    for (const schema of schemas) {
      this.tables.set(schema.name, {
        schema,
        columns: schema.columns.map((column) => column.name),
        instants: schema.columns.filter((column) => column.type === ColumnType.Timestamp).map((column) => column.name),
        keyOf: keyReader(schema.primaryKey),
        slots: new Map(),
        preloaded: preloaded?.get(schema.name),
        loadedPrefixes: loadedPrefixes?.get(schema.name),
        changed: [],
        changedKeys: [],
      });
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
  private mayWrite(slot: Slot, row: Row): boolean {
    const last = Number(row[POSITION_COLUMN]);
    return last < this.position || (last === this.position && slot.writtenIn === this.application);
  }

  private write(state: TableState, encoded: string, slot: Slot, row: Row): void {
    slot.row = row;
    if (slot.writtenIn === 0) {
      state.changed.push(slot);
      state.changedKeys.push(encoded);
    }
    slot.writtenIn = this.application;
  }

  result(): OverlayResult {
    const rows = new Map<TableSchema, Row[]>();
    for (const state of this.tables.values()) {
      if (state.changed.length === 0) continue;
      const changed: Row[] = [];
      for (const slot of state.changed) if (isRow(slot.row)) changed.push(slot.row);
      rows.set(state.schema, changed);
    }
    return { pending: this.pending, rows };
  }

  /** Each changed row's final state with its encoded primary key: for stores keyed the same way. */
  forEachChanged(visit: (table: TableSchema, encoded: string, row: Row) => void): void {
    for (const state of this.tables.values()) {
      state.changed.forEach((slot, index) => {
        if (isRow(slot.row)) visit(state.schema, state.changedKeys[index] ?? '', slot.row);
      });
    }
  }

  private state(table: string): TableState {
    const state = this.tables.get(table);
    if (state === undefined) {
      throw new ReadModelError(
        ReadModelErrorCode.UnknownTable,
        table,
        'declared-table',
        `Table ${table} is not one of the projector's tables.`,
      );
    }
    return state;
  }

  /**
   * The row's slot, its row loaded from what was prefetched or, when `load` and the store can, from
   * the base. Undefined when the row is not known and may not be loaded.
   */
  private slot(state: TableState, encoded: string, key: readonly SqlValue[] | undefined): Slot | undefined {
    let slot = state.slots.get(encoded);
    if (slot !== undefined) return slot;
    let row: Known | undefined = state.preloaded?.get(encoded);
    if (row === undefined && key !== undefined && underLoadedPrefix(state, key)) row = null;
    if (row === undefined && key !== undefined && this.readBase !== undefined) {
      row = this.readBase(state.schema, key, encoded) ?? null;
      for (const write of this.pending) {
        if (row !== null && write.kind === 'updateWhere' && write.table === state.schema)
          row = updated(row, write.where, write.changes, write.position);
      }
    }
    if (row === undefined) return undefined;
    slot = { row, writtenIn: 0 };
    state.slots.set(encoded, slot);
    return slot;
  }

  private get(table: string, key: readonly SqlValue[]): Row | undefined {
    const state = this.state(table);
    const row = this.slot(state, encodeKey(key), key)?.row;
    if (row === undefined || row === 'unknown') {
      throw new ReadModelError(
        ReadModelErrorCode.UndeclaredRead,
        table,
        'declared-in-prefetch',
        // The key's values as JSON: the encoded key's separators (NUL) cannot be stored in PostgreSQL text.
        `Row ${JSON.stringify(key)} of ${table} was read without being named in the projector's prefetch.`,
      );
    }
    return row ?? undefined;
  }

  private upsert(table: string, row: Row): void {
    const state = this.state(table);
    const full = emptyRow(state.schema);
    for (const column of state.columns) {
      const value = row[column];
      if (value !== undefined) full[column] = value;
    }
    full[POSITION_COLUMN] = this.position;
    for (const column of state.instants) {
      const value = full[column];
      if (typeof value === 'string') full[column] = canonicalInstant(value);
    }
    const encoded = state.keyOf(full);
    // Blind upserts load nothing: the store's own upsert applies the same guard to the stored row.
    const slot = this.slot(
      state,
      encoded,
      this.blindUpserts ? undefined : state.schema.primaryKey.map((column) => full[column] ?? null),
    );
    if (slot === undefined) {
      const fresh: Slot = { row: full, writtenIn: 0 };
      state.slots.set(encoded, fresh);
      this.write(state, encoded, fresh, full);
      return;
    }
    if (isRow(slot.row) && !this.mayWrite(slot, slot.row)) return;
    this.write(state, encoded, slot, full);
  }

  private patch(table: string, key: readonly SqlValue[], given: Row): void {
    const state = this.state(table);
    const changes = canonicalInstants(state.instants, given);
    const encoded = encodeKey(key);
    const slot = this.slot(state, encoded, key);
    const before = slot?.row;
    if (slot === undefined || before === 'unknown') {
      // No base reader and not prefetched: the store patches the stored row itself, guarded the same way.
      this.pending.push({ kind: 'patch', table: state.schema, key, changes, position: this.position });
      if (slot === undefined) state.slots.set(encoded, { row: 'unknown', writtenIn: 0 });
      return;
    }
    if (before === null || before === undefined || !this.mayWrite(slot, before)) return;
    const next = changedRow(before, changes);
    next[POSITION_COLUMN] = this.position;
    this.write(state, encoded, slot, next);
  }

  private updateWhere(table: string, where: readonly Condition[], given: Row): void {
    const state = this.state(table);
    const changes = canonicalInstants(state.instants, given);
    for (const encoded of state.preloaded?.keys() ?? []) this.slot(state, encoded, undefined);
    for (const [encoded, slot] of state.slots) {
      const row = slot.row;
      if (!isRow(row) || !this.mayWrite(slot, row)) continue;
      const next = updated(row, where, changes, this.position);
      if (next !== row) this.write(state, encoded, slot, next);
    }
    this.pending.push({ kind: 'updateWhere', table: state.schema, where, changes, position: this.position });
  }
}

/** True when the key starts with a prefix whose rows were all preloaded (and so the row is absent). */
function underLoadedPrefix(state: TableState, key: readonly SqlValue[]): boolean {
  if (state.loadedPrefixes === undefined) return false;
  for (let length = 1; length < key.length; length += 1) {
    if (state.loadedPrefixes.has(encodeKey(key.slice(0, length)))) return true;
  }
  return false;
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

const isRow = (value: Known | undefined): value is Row => typeof value === 'object' && value !== null;

/** The row after a guarded bulk update, or the same row when it does not match or is newer. */
export function updated(row: Row, where: readonly Condition[], changes: Row, position: number): Row {
  if (!matchesAll(row, where) || Number(row[POSITION_COLUMN]) > position) return row;
  const next = changedRow(row, changes);
  next[POSITION_COLUMN] = position;
  return next;
}
