// Recognising better-sqlite3's errors without `instanceof`: the native addon binds its error class
// once per process, so a second copy of the JavaScript module (Jest's per-file registries and contexts,
// two installs side by side) throws errors whose class is neither this copy's `Database.SqliteError`
// nor, in another context, even this context's `Error`.

export interface SqliteErrorLike extends Error {
  /** SQLite's extended result code, e.g. `SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY`. */
  readonly code: string;
}

export const isSqliteError = (error: unknown): error is SqliteErrorLike => {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  return (
    name === 'SqliteError' && typeof message === 'string' && typeof code === 'string' && code.startsWith('SQLITE_')
  );
};
