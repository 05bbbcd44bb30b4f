// How a read model describes its tables: real typed columns, a primary key and indexes, so every store
// (memory, SQLite, PostgreSQL) creates plain tables analysts can query with any SQL client.

export const ColumnType = {
  Text: 'text',
  /** A whole number; PostgreSQL `bigint`, SQLite `INTEGER`. Read back as a JS number. */
  Integer: 'integer',
  Real: 'real',
  Boolean: 'boolean',
  /** An instant: PostgreSQL `timestamptz`, SQLite ISO 8601 `TEXT`. Read back as an ISO 8601 string. */
  Timestamp: 'timestamp',
} as const;
export type ColumnType = (typeof ColumnType)[keyof typeof ColumnType];

export type SqlValue = string | number | boolean | null;
export type Row = { readonly [column: string]: SqlValue };

export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** One line for docs/read-models.md and analysts. */
  readonly description: string;
}

export interface IndexSchema {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface TableSchema {
  /** The table's public name; stores keep one physical table per projector version behind it. */
  readonly name: string;
  readonly description: string;
  readonly columns: readonly ColumnSchema[];
  readonly primaryKey: readonly string[];
  readonly indexes: readonly IndexSchema[];
  /**
   * A text column found by any substring of 3 characters or more through an engine's own index:
   * SQLite an FTS5 trigram table kept by triggers, PostgreSQL a pg_trgm GIN index.
   */
  readonly substringIndex?: string;
  /** Equality filters every substring search has (the organisation), indexed with it where the engine can. */
  readonly substringScope?: readonly string[];
}

/**
 * Every table gets this column: the global position of the last event that changed the row. Stores
 * apply a write only when it comes from that event or a later one, which makes redelivery harmless.
 */
export const POSITION_COLUMN = 'last_position';

const IDENTIFIER = /^[a-z][a-z0-9_]{0,50}$/;

export interface TableDefinition {
  readonly name: string;
  readonly description: string;
  /** Column name → [type, nullable, description]. */
  readonly columns: Readonly<Record<string, readonly [ColumnType, boolean, string]>>;
  readonly primaryKey: readonly string[];
  /** Index name suffix → columns. */
  readonly indexes?: Readonly<Record<string, readonly string[]>>;
  /** A text column searched by substring (see TableSchema.substringIndex). */
  readonly substringIndex?: string;
  /** Equality filters every substring search has (the organisation), indexed with it where the engine can. */
  readonly substringScope?: readonly string[];
}

/**
 * The JS value of a column type as queries read it: stores hand back instants as ISO 8601 text and big
 * integers as numbers; booleans come back as 0 / 1 from SQLite, so queries compare them in SQL only.
 */
type ValueOf<T extends ColumnType> = T extends 'text' | 'timestamp'
  ? string
  : T extends 'boolean'
    ? boolean | 0 | 1
    : number;

/** A table's row as the query builder types it, from its definition (nullable columns may be null). */
export type RowOf<Columns extends TableDefinition['columns']> = {
  [Column in keyof Columns]: Columns[Column][1] extends true
    ? ValueOf<Columns[Column][0]> | null
    : ValueOf<Columns[Column][0]>;
} & { readonly last_position: number };

/** A TableSchema that also carries its public name and row type, for the typed query builder. */
export interface TypedTableSchema<Name extends string, TableRow> extends TableSchema {
  readonly name: Name;
  /** Never set: only the type is used. */
  readonly row?: TableRow;
}

/** Builds a TableSchema, checking names (they are spliced into SQL) and adding `last_position`. */
export function defineTable<const Definition extends TableDefinition>(
  definition: Definition,
): TypedTableSchema<Definition['name'], RowOf<Definition['columns']>> {
  assertIdentifier(definition.name, 'table name');
  const columns: ColumnSchema[] = Object.entries(definition.columns).map(([name, [type, nullable, description]]) => {
    assertIdentifier(name, `column name of ${definition.name}`);
    return { name, type, nullable, description };
  });
  if (columns.some((column) => column.name === POSITION_COLUMN)) {
    throw new Error(`Table ${definition.name}: ${POSITION_COLUMN} is added by defineTable; do not declare it.`);
  }
  columns.push({
    name: POSITION_COLUMN,
    type: ColumnType.Integer,
    nullable: false,
    description: 'Global position of the last event that changed this row.',
  });
  const known = new Set(columns.map((column) => column.name));
  const checkColumns = (names: readonly string[], what: string): void => {
    for (const name of names) {
      if (!known.has(name)) throw new Error(`Table ${definition.name}: ${what} names unknown column ${name}.`);
    }
  };
  checkColumns(definition.primaryKey, 'the primary key');
  const indexes = Object.entries(definition.indexes ?? {}).map(([suffix, indexColumns]) => {
    checkColumns(indexColumns, `index ${suffix}`);
    const name = `${definition.name}_${suffix}`;
    assertIdentifier(name, 'index name');
    return { name, columns: indexColumns };
  });
  const substringIndex = definition.substringIndex;
  const substringScope = definition.substringScope;
  if (substringIndex !== undefined) checkColumns([substringIndex, ...(substringScope ?? [])], 'the substring index');
  return {
    name: definition.name,
    description: definition.description,
    columns,
    primaryKey: definition.primaryKey,
    indexes,
    ...(substringIndex === undefined ? {} : { substringIndex }),
    ...(substringScope === undefined ? {} : { substringScope }),
  };
}

export function assertIdentifier(value: string, what: string): void {
  if (!IDENTIFIER.test(value)) throw new Error(`Invalid ${what} "${value}": use lower-case letters, digits and _.`);
}

/** The physical table of one projector version: `pipeline_board_leads_v2`. */
/** The types of the primary-key columns, in key order (text for a column the table does not declare). */
export const primaryKeyTypes = (table: TableSchema): ColumnType[] =>
  table.primaryKey.map(
    (column) => table.columns.find((candidate) => candidate.name === column)?.type ?? ColumnType.Text,
  );

export const versionedTableName = (table: string, version: number): string => `${table}_v${version}`;

/**
 * The suffix of one build's tables and indexes: `_v3` for the first build of version 3, `_v3_r2` for
 * the second rebuild of it beside the live tables (stores record which build holds each version).
 */
export const buildSuffix = (version: number, build: number): string =>
  build === 0 ? `_v${version}` : `_v${version}_r${build}`;

/** The physical table of one build of a projector version: `pipeline_board_leads_v3`, `…_v3_r1`. */
export const buildTableName = (table: string, version: number, build: number): string =>
  `${table}${buildSuffix(version, build)}`;

/** A row's primary key as one string, for maps. */
export function keyOf(table: TableSchema, row: Row): string {
  return encodeKey(table.primaryKey.map((column) => row[column] ?? null));
}

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An instant in the one ISO 8601 form every store compares as text (`2026-03-01T09:00:00.000Z`).
 * Events carry that form already; the check is ~30 times cheaper than parsing a Date.
 */
export const canonicalInstant = (value: string): string =>
  CANONICAL_INSTANT.test(value) ? value : new Date(value).toISOString();

/** Separates the values of a composite key in its encoded form. */
export const KEY_SEPARATOR = '\u0000';

export function encodeKey(values: readonly SqlValue[]): string {
  return values.length === 1 ? String(values[0]) : values.map((value) => String(value)).join(KEY_SEPARATOR);
}
