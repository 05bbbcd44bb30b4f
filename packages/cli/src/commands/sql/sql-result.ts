// What `leadline sql` answers, and how a database's refusal is told: the code, the field, the rule.
import { CliError, CliErrorCode } from '../../cli/cli-error.js';

export interface SqlResult {
  /** The organisation the rows are scoped to. */
  readonly orgId: string;
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
  /** True when the statement had more rows than --max-rows: only the first ones are here. */
  readonly truncated: boolean;
}

export const READ_ONLY_HINT =
  'Only a single SELECT (or WITH … SELECT) over the read-model tables of docs/read-models.md is allowed.';

export function sqlError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const readOnly = /read-?only|readonly|query_only|attempt to write/i.test(message);
  const denied = /permission denied|not authorized|no such table|does not exist/i.test(message);
  return new CliError(
    readOnly ? CliErrorCode.ReadOnly : CliErrorCode.BadInput,
    'sql',
    readOnly ? 'read-only' : denied ? 'documented-tables' : 'valid-sql',
    `The database refused the query: ${message}`,
    readOnly || denied ? READ_ONLY_HINT : 'Check the table and column names in docs/read-models.md.',
  );
}

/** The refusal of a query that outlived --timeout (it was stopped). */
export const queryTimeout = (timeoutMs: number): CliError =>
  new CliError(
    CliErrorCode.Timeout,
    '--timeout',
    `within:${timeoutMs}ms`,
    `The query ran longer than ${timeoutMs} ms and was stopped.`,
    'Narrow the query (a WHERE, a LIMIT) or allow more time with --timeout SECONDS.',
  );
