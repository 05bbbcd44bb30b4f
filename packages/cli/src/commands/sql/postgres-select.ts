// The PostgreSQL sandbox of `leadline sql`. The connection given (which may create roles) sets up, per
// query, a throwaway schema of security-barrier views over the documented tables and the `leads` view,
// filtered to the organisation and to the leads the caller may see, and a throwaway LOGIN role that may
// read those views and nothing else. The statement then runs on a connection of that role: not a
// superuser (so no pg_read_file, no COPY TO PROGRAM), in a READ ONLY transaction, under
// statement_timeout. Connecting as the role, rather than SET ROLE, matters: a superuser's session could
// take its role back with set_config.
import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { hasPermission, Permission } from '@leadline/domain';
import { ANALYST_VIEWS, loadOptionalPackage, quote } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import {
  ANALYST_TABLES,
  chooseOrganisation,
  isLeadLevel,
  VISIBILITY_TABLE,
  visibleLeadIds,
  type AnalystScope,
} from './analyst-scope.js';
import { queryTimeout, sqlError, type SqlResult } from './sql-result.js';

/** What the visibility rule reads of a lead (claims as ISO 8601 text, as SQLite keeps them). */
type VisibilityRow = {
  readonly lead_id: string;
  readonly owner_id: string | null;
  readonly claimed_by: string | null;
  readonly claim_expires_at: string | null;
};

export interface PostgresSelectRequest {
  readonly connectionString: string;
  /** The read models' schema. */
  readonly schema: string;
  readonly scope: AnalystScope;
  readonly statement: string;
  readonly maxRows: number;
  readonly timeoutMs: number;
}

/** pg is an optional peer of the CLI: only PostgreSQL users install it, so it loads on first use. */
type ClientClass = new (...config: ConstructorParameters<typeof Client>) => Client;
const loadClient = async (): Promise<ClientClass> =>
  (await loadOptionalPackage('--read-models', 'pg', 'postgres://', () => import('pg'))).default.Client;

export async function postgresSelect(request: PostgresSelectRequest): Promise<SqlResult> {
  const name = `leadline_sql_${randomBytes(8).toString('hex')}`;
  const password = randomBytes(24).toString('base64url');
  const Client = await loadClient();
  const admin = new Client({ connectionString: request.connectionString });
  await admin.connect();
  try {
    const orgId = await prepareSandbox(admin, request, name, password);
    return { ...(await runAs(Client, request, name, password)), orgId };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${quote(name)} CASCADE`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${quote(name)}`).catch(() => undefined);
    await admin.end();
  }
}

async function prepareSandbox(
  admin: Client,
  request: PostgresSelectRequest,
  name: string,
  password: string,
): Promise<string> {
  const source = quote(request.schema);
  const present = new Set(
    (
      await admin.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1`,
        [request.schema],
      )
    ).rows.map((row) => row.name),
  );
  const organisations = present.has('pipeline_board_organisations')
    ? (
        await admin.query<{ org_id: string }>(
          `SELECT org_id FROM ${source}.pipeline_board_organisations ORDER BY org_id`,
        )
      ).rows.map((row) => row.org_id)
    : [];
  const orgId = chooseOrganisation(request.scope.orgId, organisations);
  // Read only for a caller without View All Leads: the rule needs each lead's owner and claim.
  const leads =
    present.has(VISIBILITY_TABLE) && !hasPermission(request.scope.viewer, Permission.ViewAllLeads)
      ? (
          await admin.query<VisibilityRow>(
            `SELECT lead_id, owner_id, claimed_by, to_char(claim_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS claim_expires_at
             FROM ${source}.${VISIBILITY_TABLE} WHERE org_id = $1`,
            [orgId],
          )
        ).rows
      : [];
  const visible = visibleLeadIds(request.scope, () => leads);
  const sandbox = quote(name);
  await admin.query('BEGIN');
  try {
    await admin.query(
      `CREATE ROLE ${sandbox} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 2 VALID UNTIL '${new Date(Date.now() + 3_600_000).toISOString()}'`,
    );
    await admin.query(`CREATE SCHEMA ${sandbox}`);
    // The scope lives in tables the role cannot read; the views (run with their owner's rights) read them.
    await admin.query(`CREATE TABLE ${sandbox}._scope_org (org_id text PRIMARY KEY)`);
    await admin.query(`INSERT INTO ${sandbox}._scope_org VALUES ($1)`, [orgId]);
    await admin.query(`CREATE TABLE ${sandbox}._scope_leads (lead_id text PRIMARY KEY)`);
    if (visible !== 'all')
      await admin.query(`INSERT INTO ${sandbox}._scope_leads SELECT unnest($1::text[])`, [[...visible]]);
    await admin.query(`GRANT USAGE ON SCHEMA ${sandbox} TO ${sandbox}`);
    // The documented tables, then the analyst views (leads) the store keeps over them, each scoped alike.
    const relations = [
      ...ANALYST_TABLES.map((table) => ({ name: table.name, leadLevel: isLeadLevel(table) })),
      ...ANALYST_VIEWS.map((view) => ({ name: view.name, leadLevel: 'lead_id' in view.columns })),
    ];
    for (const relation of relations) {
      if (!present.has(relation.name)) continue;
      const leadFilter =
        relation.leadLevel && visible !== 'all' ? ` AND lead_id IN (SELECT lead_id FROM ${sandbox}._scope_leads)` : '';
      await admin.query(
        `CREATE VIEW ${sandbox}.${quote(relation.name)} WITH (security_barrier) AS SELECT * FROM ${source}.${quote(relation.name)}
         WHERE org_id = (SELECT org_id FROM ${sandbox}._scope_org)${leadFilter}`,
      );
      await admin.query(`GRANT SELECT ON ${sandbox}.${quote(relation.name)} TO ${sandbox}`);
    }
    await admin.query('COMMIT');
  } catch (error) {
    await admin.query('ROLLBACK').catch(() => undefined);
    throw new CliError(
      CliErrorCode.Unsupported,
      '--read-models',
      'may-create-roles',
      `Could not set up the SQL sandbox: ${error instanceof Error ? error.message : String(error)}`,
      'Run `leadline sql` with a PostgreSQL user that may create roles and schemas (CREATEROLE).',
    );
  }
  return orgId;
}

async function runAs(
  Client: ClientClass,
  request: PostgresSelectRequest,
  role: string,
  password: string,
): Promise<Omit<SqlResult, 'orgId'>> {
  const url = new URL(request.connectionString);
  url.username = role;
  url.password = password;
  url.searchParams.delete('schema');
  const client = new Client({ connectionString: url.toString(), query_timeout: request.timeoutMs + 5_000 });
  await client.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(request.timeoutMs))}`);
    await client.query(`SET LOCAL search_path TO ${quote(role)}`);
    const result = await client.query({ text: request.statement, rowMode: 'array' });
    const columns = result.fields.map((field) => field.name);
    const rows = (result.rows as unknown[][])
      .slice(0, request.maxRows)
      .map((values) => Object.fromEntries(columns.map((column, index) => [column, values[index]])));
    return { columns, rows, truncated: result.rows.length > request.maxRows };
  } catch (error) {
    throw timeoutOr(error, request.timeoutMs);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

function timeoutOr(error: unknown, timeoutMs: number): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === '57014') return queryTimeout(timeoutMs);
  return sqlError(error);
}
