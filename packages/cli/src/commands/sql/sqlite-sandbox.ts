// The SQLite sandbox of `leadline sql`: better-sqlite3 has no authorizer, so the analyst's statement
// never runs on a connection that can reach the file. The organisation's visible rows of the documented
// tables are copied from a read-only handle into a private in-memory database (same columns, keys and
// indexes), which is then made query-only: whatever the statement names, that copy is all there is.
import Database from 'better-sqlite3';
import { ANALYST_VIEWS, createTableSql, quote, sqliteDialect, sqliteViewSql } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import {
  ANALYST_TABLES,
  chooseOrganisation,
  isLeadLevel,
  VISIBILITY_TABLE,
  visibleLeadIds,
  type AnalystScope,
} from './analyst-scope.js';
import { READ_ONLY_HINT, sqlError, type SqlResult } from './sql-result.js';

export interface SqliteSandboxRequest {
  readonly file: string;
  readonly scope: AnalystScope;
  /** Already checked to be one SELECT. */
  readonly statement: string;
  readonly maxRows: number;
}

export function runSqliteSandbox(request: SqliteSandboxRequest): SqlResult {
  const source = openReadOnly(request.file);
  const sandbox = new Database(':memory:');
  try {
    const orgId = copyScope(source, sandbox, request.scope);
    // The analyst views (leads) over the copied tables: they read the scope's rows only.
    for (const view of ANALYST_VIEWS) sandbox.exec(sqliteViewSql(view));
    sandbox.pragma('query_only = ON');
    return select(sandbox, request.statement, request.maxRows, orgId);
  } finally {
    sandbox.close();
    source.close();
  }
}

function openReadOnly(file: string): Database.Database {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CliError(
      CliErrorCode.FileNotFound,
      '--read-models',
      'file-exists',
      `Cannot open ${file} read-only: ${String(error)}`,
      'Run a command that writes first (e.g. `leadline demo`).',
    );
  }
}

/** Copies the scope's rows into the sandbox; returns the organisation. */
function copyScope(source: Database.Database, sandbox: Database.Database, scope: AnalystScope): string {
  const present = new Set(
    source.prepare<[], string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").pluck().all(),
  );
  const organisations = present.has('pipeline_board_organisations')
    ? source.prepare<[], string>('SELECT org_id FROM pipeline_board_organisations ORDER BY org_id').pluck().all()
    : [];
  const orgId = chooseOrganisation(scope.orgId, organisations);
  const visible = present.has(VISIBILITY_TABLE)
    ? visibleLeadIds(
        scope,
        () =>
          source
            .prepare(`SELECT lead_id, owner_id, claimed_by, claim_expires_at FROM ${VISIBILITY_TABLE} WHERE org_id = ?`)
            .iterate(orgId) as Iterable<Record<string, string | null>>,
      )
    : new Set<string>();
  sandbox.transaction(() => {
    for (const table of ANALYST_TABLES) {
      for (const sql of createTableSql(sqliteDialect, quote(table.name), table, '')) sandbox.exec(sql);
      if (!present.has(table.name)) continue;
      const columns = table.columns.map((column) => quote(column.name));
      const insert = sandbox.prepare(`INSERT INTO ${quote(table.name)} VALUES (${columns.map(() => '?').join(', ')})`);
      const leadColumn = isLeadLevel(table) && visible !== 'all' ? columns.indexOf(quote('lead_id')) : -1;
      const rows = source
        .prepare(`SELECT ${columns.join(', ')} FROM ${quote(table.name)} WHERE org_id = ?`)
        .raw()
        .iterate(orgId) as Iterable<unknown[]>;
      for (const row of rows) {
        if (leadColumn >= 0 && visible !== 'all' && !visible.has(String(row[leadColumn]))) continue;
        insert.run(row);
      }
    }
  })();
  return orgId;
}

function select(sandbox: Database.Database, statement: string, maxRows: number, orgId: string): SqlResult {
  try {
    const prepared = sandbox.prepare(statement);
    if (!prepared.reader)
      throw new CliError(
        CliErrorCode.ReadOnly,
        'sql',
        'select-only',
        'The statement returns no rows; only queries are allowed.',
        READ_ONLY_HINT,
      );
    const rows: Record<string, unknown>[] = [];
    let truncated = false;
    for (const row of prepared.iterate() as Iterable<Record<string, unknown>>) {
      if (rows.length === maxRows) {
        truncated = true;
        break;
      }
      rows.push(row);
    }
    return { orgId, columns: prepared.columns().map((column) => column.name), rows, truncated };
  } catch (error) {
    throw sqlError(error);
  }
}
