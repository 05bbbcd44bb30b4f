// `leadline sql "SELECT …"`: ad-hoc questions to the read models, printed as a table or JSON.
import { globalOptionsOf, type Registrar } from '../../cli/program.js';
import { renderTable } from '../../output/table.js';
import { toJson } from '../../output/io.js';
import { defaultReadModelsUrl } from '../../session/open-stores.js';
import { runReadOnlySql } from './read-only-sql.js';

export const registerSql: Registrar = (program, io) => {
  program
    .command('sql')
    .description('run a read-only SELECT against the SQLite or PostgreSQL read models')
    .argument('<select>', 'one SELECT statement (quote it)')
    .action(async (select: string, _options: unknown, command: import('commander').Command) => {
      const globals = globalOptionsOf(command);
      const result = await runReadOnlySql(globals.readModels ?? defaultReadModelsUrl(globals.store), select);
      const cell = (value: unknown): string => {
        if (value === null || value === undefined) return '';
        if (typeof value === 'string') return value;
        if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
        return JSON.stringify(value);
      };
      io.stdout(
        `${
          globals.json
            ? toJson(result.rows)
            : `${renderTable(
                result.columns,
                result.rows.map((row) => result.columns.map((column) => cell(row[column]))),
              )}\n(${result.rows.length} rows)`
        }\n`,
      );
    });
};
