// Runs the real `leadline` executable as a user would: a separate Node process with tsx's loader, in a
// working directory of the test's choosing, capturing output and the exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../index.js';

export const CLI_MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
).href;

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
}

export function startCli(
  args: readonly string[],
  options: SpawnOptions,
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, '--conditions=@leadline/source', CLI_MAIN, ...args], {
    cwd: options.cwd,
    env: { ...withoutLeadlineVariables(process.env), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** The caller's LEADLINE_* settings must not leak into a test's command lines. */
function withoutLeadlineVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('LEADLINE_') || name === 'LEADLINE_TEST_POSTGRES_URL'),
  );
}

export const runCliProcess = (args: readonly string[], options: SpawnOptions): Promise<CliRun> =>
  startCli(args, options).done;

/** A fresh directory for one test file; removed by the returned function. */
export function scratchDirectory(prefix: string): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `leadline-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Parses the JSON a command printed with --json, failing with its output when it is not JSON. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the test names the shape it expects
export function jsonOf<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`expected JSON on stdout (exit ${String(run.code)}):\n${run.stdout}\n${run.stderr}`);
  }
}

/**
 * The same command line run in this process (no Node start-up, a second instead of several on a busy
 * machine): for the many checks that do not need a process of their own.
 */
export async function runCliInProcess(args: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    interactive: false,
    cwd,
  });
  return { code, stdout, stderr };
}
