// Where a table's substring index is read from: SQLite keeps it in an FTS5 trigram table of its own,
// reached through a public view of this name; PostgreSQL indexes the column itself (pg_trgm).

/** The public view over a table's FTS5 trigram index on SQLite: its primary key and the indexed column. */
export const substringViewName = (table: string): string => `${table}_substrings`;
