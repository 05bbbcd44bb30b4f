// How much an acknowledged append survives, mapped onto SQLite's `synchronous` setting in WAL mode.

/**
 * - `full` (default): every commit is fsynced to the WAL before append resolves. Survives a killed
 *   process, an operating-system crash and a power loss.
 * - `normal`: the WAL is fsynced at checkpoints, not at each commit. Survives a killed process; a power
 *   loss or OS crash may lose the last appends, but the file stays consistent (each append whole or absent).
 * - `off`: never fsyncs. Survives a killed process (the OS still holds the writes); a power loss or OS
 *   crash may lose recent appends and, rarely, corrupt the file. For throwaway data and bulk imports.
 */
export type SqliteDurability = 'full' | 'normal' | 'off';

export const sqliteSynchronousSetting: Readonly<Record<SqliteDurability, 'FULL' | 'NORMAL' | 'OFF'>> = {
  full: 'FULL',
  normal: 'NORMAL',
  off: 'OFF',
};

export const SQLITE_DURABILITIES = Object.keys(sqliteSynchronousSetting) as readonly SqliteDurability[];
