// Runs a SQLite query of `leadline sql` in a forked process with a deadline: past it the process is
// killed and the caller gets QUERY_TIMEOUT. From the compiled CLI the fork runs the compiled sandbox;
// from the sources (tests) it runs them through tsx, as the tests' spawned CLI does.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import type { SqliteSandboxRequest } from './sqlite-sandbox.js';
import { queryTimeout, type SqlResult } from './sql-result.js';

type Answer =
  | { readonly ok: true; readonly result: SqlResult }
  | {
      readonly ok: false;
      readonly error: { code: CliErrorCode; field: string; rule: string; message: string; hint: string | null };
    };

const fromSources = import.meta.url.endsWith('.ts');
const SANDBOX = fileURLToPath(new URL(`./sqlite-sandbox-process.${fromSources ? 'ts' : 'js'}`, import.meta.url));

function sourceLoader(): string[] {
  if (!fromSources) return [];
  const tsx = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  return ['--import', pathToFileURL(join(tsx, 'dist', 'loader.mjs')).href, '--conditions=@leadline/source'];
}

export function sqliteSelect(request: SqliteSandboxRequest, timeoutMs: number): Promise<SqlResult> {
  return new Promise((resolve, reject) => {
    const child = fork(SANDBOX, [], { execArgv: sourceLoader(), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let answered = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(queryTimeout(timeoutMs));
    }, timeoutMs);
    child.once('message', (message: Answer) => {
      answered = true;
      clearTimeout(timer);
      if (message.ok) resolve(message.result);
      else {
        const { code, field, rule, message: text, hint } = message.error;
        reject(new CliError(code, field, rule, text, hint));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!answered && code !== null)
        reject(new Error(`The SQL sandbox process ended (exit ${code}) without an answer: ${stderr.trim()}`));
    });
    child.send(request);
  });
}
