// Where a command writes: stdout for results, stderr for progress, warnings and errors. Injected so the
// whole CLI runs in-process in a test as it runs in a terminal.
import { isatty } from 'node:tty';
import { terminalSafeJson } from './terminal-text.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: progress is drawn as a live bar; otherwise as occasional lines. */
  readonly interactive: boolean;
  readonly cwd: string;
}

export const processIo = (): CliIo => ({
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  // isTTY is undefined, not false, on a pipe or file whatever its type says; isatty asks the descriptor.
  interactive: isatty(2),
  cwd: process.cwd(),
});

/** The streams a closed pipe shows up on, and how the process ends. */
export interface PipedProcess {
  readonly stdout: NodeJS.EventEmitter;
  readonly stderr: NodeJS.EventEmitter;
  exit(code?: number): never;
}

/**
 * `leadline … | head` closes our stdout early: what is left to print has no reader, so the process ends
 * at once with the exit code it has so far, instead of an EPIPE stack trace. Other stream errors still
 * surface.
 */
export function endQuietlyOnClosedPipe(target: PipedProcess & { readonly exitCode?: number | string }): void {
  const onError = (error: Error & { code?: string }): void => {
    if (error.code !== 'EPIPE') throw error;
    target.exit(typeof target.exitCode === 'number' ? target.exitCode : 0);
  };
  target.stdout.on('error', onError);
  target.stderr.on('error', onError);
}

/**
 * JSON with bigint positions as strings (JSON has no 64-bit integers) and dates as ISO text. JSON escapes
 * C0 controls itself; DEL, C1 and bidi controls are escaped too, so the JSON is as safe on a terminal.
 */
export function toJson(value: unknown): string {
  return terminalSafeJson(
    JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2),
  );
}
