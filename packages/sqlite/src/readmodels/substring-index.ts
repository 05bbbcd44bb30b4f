// A table's substring index on SQLite: an FTS5 table with the trigram tokenizer over the indexed
// column, with the table as its external content, kept by triggers — so every write a batch makes
// updates it in the batch's own transaction, beside the checkpoint.
import type { TableSchema } from '@leadline/projections';
import { quote, substringViewName } from '@leadline/projections';

const ftsName = (physicalName: string): string => `${physicalName}_fts`;

/** The FTS table and its triggers for one physical table (unquoted name); nothing without an index. */
export function substringIndexSql(physicalName: string, table: TableSchema): string[] {
  const column = table.substringIndex;
  if (column === undefined) return [];
  const base = quote(physicalName);
  const fts = quote(ftsName(physicalName));
  const columns = [...table.primaryKey, column];
  const unindexed = table.primaryKey.map((key) => `${quote(key)} UNINDEXED`);
  const names = ['rowid', ...columns].map(quote).join(', ');
  const values = (row: 'new' | 'old') => ['rowid', ...columns].map((name) => `${row}.${quote(name)}`).join(', ');
  const remove = `INSERT INTO ${fts} (${fts}, ${names}) VALUES ('delete', ${values('old')});`;
  const add = `INSERT INTO ${fts} (${names}) VALUES (${values('new')});`;
  const trigger = (suffix: string) => quote(`${physicalName}_${suffix}`);
  return [
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${fts} USING fts5(${[...unindexed, quote(column)].join(', ')}, ` +
      `tokenize = 'trigram', content = '${physicalName}', content_rowid = 'rowid')`,
    `CREATE TRIGGER IF NOT EXISTS ${trigger('fts_insert')} AFTER INSERT ON ${base} BEGIN ${add} END`,
    `CREATE TRIGGER IF NOT EXISTS ${trigger('fts_update')} AFTER UPDATE OF ${quote(column)} ON ${base} BEGIN ${remove} ${add} END`,
    `CREATE TRIGGER IF NOT EXISTS ${trigger('fts_delete')} AFTER DELETE ON ${base} BEGIN ${remove} END`,
  ];
}

/** Indexes every row the table holds now (a table bulk loaded before its FTS table was made). */
export const substringRebuildSql = (physicalName: string): string => {
  const fts = quote(ftsName(physicalName));
  return `INSERT INTO ${fts} (${fts}) VALUES ('rebuild')`;
};

/** Points the public view of the table's substring index at this physical table's. */
export function substringViewSql(physicalName: string, table: TableSchema): string[] {
  if (table.substringIndex === undefined) return [];
  const view = quote(substringViewName(table.name));
  return [`DROP VIEW IF EXISTS ${view}`, `CREATE VIEW ${view} AS SELECT * FROM ${quote(ftsName(physicalName))}`];
}

/** Drops the FTS table (its triggers go with the table they are on); its public view is the caller's. */
export function dropSubstringIndexSql(physicalName: string, table: TableSchema): string[] {
  if (table.substringIndex === undefined) return [];
  return [`DROP TABLE IF EXISTS ${quote(ftsName(physicalName))}`];
}
