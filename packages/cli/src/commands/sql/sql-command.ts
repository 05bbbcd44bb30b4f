// `leadline sql "SELECT …"`: an analyst's questions to the read models, scoped to one organisation
// (--org) and to what the caller (--as-user with --role or --permissions) may see, printed as a table or JSON.
import { Option } from 'commander';
import { globalOptionsOf, type Registrar } from '../../cli/program.js';
import { parsePositiveInteger } from '../../cli/parse.js';
import { renderTable } from '../../output/table.js';
import { toJson } from '../../output/io.js';
import { terminalSafe } from '../../output/terminal-text.js';
import { OrgId } from '@leadline/domain';
import { actorOf } from '../../session/actor.js';
import { parseStoreUrl } from 'leadline';
import { defaultReadModelsUrl } from '../../session/open-stores.js';
import { DEFAULT_ORG, openSession } from '../../session/session.js';
import { checkSelect, runReadOnlySql } from './read-only-sql.js';

export const DEFAULT_SQL_TIMEOUT_SECONDS = 10;
export const DEFAULT_SQL_MAX_ROWS = 10_000;

export const registerSql: Registrar = (program, io) => {
  program
    .command('sql')
    .description("run a read-only SELECT over one organisation's read models, as the caller may see them")
    .argument('<select>', 'one SELECT statement (quote it)')
    .addOption(
      new Option('--timeout <seconds>', 'stop the query after this long').default(String(DEFAULT_SQL_TIMEOUT_SECONDS)),
    )
    .addOption(new Option('--max-rows <n>', 'print at most this many rows').default(String(DEFAULT_SQL_MAX_ROWS)))
    .action(
      async (select: string, options: { timeout: string; maxRows: string }, command: import('commander').Command) => {
        const globals = globalOptionsOf(command);
        // The scope resolves the organisation (--org, else the store's only one); the viewer's own orgId
        // is not what scopes the SQL.
        const viewer = {
          ...actorOf(globals.asUser, globals.role, globals.permissions),
          orgId: OrgId(globals.org ?? DEFAULT_ORG),
        };
        const readModelsUrl = globals.readModels ?? defaultReadModelsUrl(globals.store);
        checkSelect(select);
        const { kind } = parseStoreUrl(readModelsUrl, '--read-models');
        if (kind === 'sqlite' || kind === 'postgres') {
          // Bring the read models up to date first (and create them on a new store): SQL reads what is there.
          const session = await openSession(globals, io);
          try {
            await session.catchUp();
          } finally {
            await session.close();
          }
        }
        const result = await runReadOnlySql(
          readModelsUrl,
          select,
          { orgId: globals.org ?? null, viewer, now: new Date().toISOString() },
          {
            timeoutMs: parsePositiveInteger(options.timeout, '--timeout') * 1000,
            maxRows: parsePositiveInteger(options.maxRows, '--max-rows'),
          },
        );
        const cell = (value: unknown): string => {
          if (value === null || value === undefined) return '';
          if (typeof value === 'string') return value;
          if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
            return String(value);
          return JSON.stringify(value);
        };
        if (globals.json && result.truncated)
          io.stderr(`only the first ${result.rows.length} rows are printed: raise --max-rows\n`);
        const note = result.truncated ? `, only the first ${result.rows.length}: raise --max-rows` : '';
        io.stdout(
          `${
            globals.json
              ? toJson(result.rows)
              : terminalSafe(
                  `${renderTable(
                    result.columns,
                    result.rows.map((row) => result.columns.map((column) => cell(row[column]))),
                  )}\n(${result.rows.length} rows of organisation ${result.orgId}${note})`,
                  { multiline: true },
                )
          }\n`,
        );
      },
    );
};
