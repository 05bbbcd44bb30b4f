// The process `leadline sql` forks for a SQLite query: it runs the sandbox and sends the answer (or the
// refusal) back, so the parent can kill it when the statement outlives its time (better-sqlite3 cannot
// interrupt a running statement, and a worker thread cannot be stopped inside native code).
import { CliError } from '../../cli/cli-error.js';
import { runSqliteSandbox, type SqliteSandboxRequest } from './sqlite-sandbox.js';

process.once('message', (request: SqliteSandboxRequest) => {
  let answer: unknown;
  try {
    answer = { ok: true, result: runSqliteSandbox(request) };
  } catch (error) {
    answer =
      error instanceof CliError
        ? {
            ok: false,
            error: { code: error.code, field: error.field, rule: error.rule, message: error.message, hint: error.hint },
          }
        : {
            ok: false,
            error: { code: 'UNEXPECTED', field: 'sql', rule: 'answered', message: String(error), hint: null },
          };
  }
  process.send?.(answer, () => process.exit(0));
});
