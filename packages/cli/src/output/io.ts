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

/**
 * JSON with bigint positions as strings (JSON has no 64-bit integers) and dates as ISO text. JSON escapes
 * C0 controls itself; DEL, C1 and bidi controls are escaped too, so the JSON is as safe on a terminal.
 */
export function toJson(value: unknown): string {
  return terminalSafeJson(
    JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2),
  );
}
