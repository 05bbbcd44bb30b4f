// Runs one SELECT of an analyst against the read models, scoped to one organisation and to what the
// caller may see, read-only, bounded in time and rows. The statement must be a single SELECT (or WITH …
// SELECT); each store then runs it in a sandbox that holds nothing else (sqlite-sandbox.ts,
// postgres-select.ts).
import { parseStoreUrl } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import type { AnalystScope } from './analyst-scope.js';
import { postgresSelect } from './postgres-select.js';
import { sqliteSelect } from './sqlite-select.js';
import { READ_ONLY_HINT, type SqlResult } from './sql-result.js';

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

export interface SqlLimits {
  readonly timeoutMs: number;
  readonly maxRows: number;
}

export async function runReadOnlySql(
  readModelsUrl: string,
  sql: string,
  scope: AnalystScope,
  limits: SqlLimits,
): Promise<SqlResult> {
  const statement = checkSelect(sql);
  const location = parseStoreUrl(readModelsUrl, '--read-models');
  if (location.kind === 'sqlite')
    return sqliteSelect({ file: location.file, scope, statement, maxRows: limits.maxRows }, limits.timeoutMs);
  if (location.kind === 'postgres')
    return postgresSelect({
      connectionString: location.connectionString,
      schema: location.schema ?? 'leadline',
      scope,
      statement,
      ...limits,
    });
  throw new CliError(
    CliErrorCode.Unsupported,
    '--read-models',
    'sql-store',
    `Read models at ${location.kind === 'memory' ? 'memory:' : 'EventStoreDB'} cannot be queried with SQL.`,
    'Point --store (or --read-models) at a SQLite file or a PostgreSQL database.',
  );
}
