// Runs one SELECT against the read models, read-only twice over: the statement must be a single
// SELECT (or WITH … SELECT), and the connection itself cannot write (a readonly SQLite handle, a READ
// ONLY PostgreSQL transaction that is rolled back).
import Database from 'better-sqlite3';
import { loadOptionalPackage, parseStoreUrl } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';

export interface SqlResult {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

const READ_ONLY_HINT = 'Only a single SELECT (or WITH … SELECT) is allowed: the read models belong to the projections.';

/** The statement without a trailing semicolon, or a refusal naming the rule it breaks. */
export function checkSelect(sql: string): string {
  const statement = sql.trim().replace(/;\s*$/, '');
  if (statement === '')
    throw new CliError(CliErrorCode.BadInput, 'sql', 'required', 'The SQL statement is empty.', READ_ONLY_HINT);
  if (statement.includes(';'))
    throw new CliError(
      CliErrorCode.ReadOnly,
      'sql',
      'single-statement',
      'Only one statement may be run at a time.',
      READ_ONLY_HINT,
    );
  if (!/^(select|with)\b/i.test(statement)) {
    throw new CliError(
      CliErrorCode.ReadOnly,
      'sql',
      'select-only',
      `"${statement.split(/\s+/)[0] ?? ''}" statements are refused: this command reads, it never writes.`,
      READ_ONLY_HINT,
    );
  }
  return statement;
}

export async function runReadOnlySql(readModelsUrl: string, sql: string): Promise<SqlResult> {
  const statement = checkSelect(sql);
  const location = parseStoreUrl(readModelsUrl, '--read-models');
  if (location.kind === 'sqlite') return sqliteSelect(location.file, statement);
  if (location.kind === 'postgres') return postgresSelect(location.connectionString, location.schema, statement);
  throw new CliError(
    CliErrorCode.Unsupported,
    '--read-models',
    'sql-store',
    `Read models at ${location.kind === 'memory' ? 'memory:' : 'EventStoreDB'} cannot be queried with SQL.`,
    'Point --store (or --read-models) at a SQLite file or a PostgreSQL database.',
  );
}

function sqliteSelect(file: string, statement: string): SqlResult {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CliError(
      CliErrorCode.FileNotFound,
      '--read-models',
      'file-exists',
      `Cannot open ${file} read-only: ${String(error)}`,
      'Run a command that writes first (e.g. `leadline demo`).',
    );
  }
  try {
    const prepared = db.prepare(statement);
    if (!prepared.reader)
      throw new CliError(
        CliErrorCode.ReadOnly,
        'sql',
        'select-only',
        'The statement returns no rows; only queries are allowed.',
        READ_ONLY_HINT,
      );
    const rows = prepared.all() as Record<string, unknown>[];
    return { columns: prepared.columns().map((column) => column.name), rows };
  } catch (error) {
    throw sqlError(error);
  } finally {
    db.close();
  }
}

async function postgresSelect(
  connectionString: string,
  schema: string | undefined,
  statement: string,
): Promise<SqlResult> {
  // pg is an optional peer of the CLI: only PostgreSQL users install it.
  const pg = await loadOptionalPackage('--read-models', 'pg', 'postgres://', () => import('pg'));
  const client = new pg.default.Client({ connectionString });
  await client.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`SET LOCAL search_path TO ${quoteIdentifier(schema ?? 'leadline')}, public`);
    const result = await client.query(statement);
    return { columns: result.fields.map((field) => field.name), rows: result.rows as Record<string, unknown>[] };
  } catch (error) {
    throw sqlError(error);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function sqlError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const readOnly = /read-?only|readonly/i.test(message);
  return new CliError(
    readOnly ? CliErrorCode.ReadOnly : CliErrorCode.BadInput,
    'sql',
    readOnly ? 'read-only' : 'valid-sql',
    `The database refused the query: ${message}`,
    readOnly ? READ_ONLY_HINT : 'Check the table and column names in docs/read-models.md.',
  );
}
