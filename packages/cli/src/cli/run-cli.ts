// Runs one command line and returns its exit code: usage errors 2, refusals and bad input 1, else 0.
import { CommanderError } from 'commander';
import type { CommandEntry } from '../commands/index.js';
import type { CliIo } from '../output/io.js';
import { toJson } from '../output/io.js';
import { programFor } from './command-line.js';
import { terminalSafe } from '../output/terminal-text.js';
import { ExitCode } from './exit-codes.js';

export async function runCommandLine(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CommandEntry[],
): Promise<ExitCode> {
  try {
    const program = await programFor(argv, io, commands);
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    // Loaded on failure only: reporting knows the domain's errors, which help and success never need.
    const { exitCodeOf, formatReport, reportOf } = await import('./report-error.js');
    const report = reportOf(error);
    io.stderr(
      `${argv.includes('--json') ? toJson({ error: report }) : terminalSafe(formatReport(report), { multiline: true })}\n`,
    );
    if (argv.includes('--debug') && error instanceof Error && error.stack !== undefined)
      io.stderr(`${terminalSafe(error.stack, { multiline: true })}\n`);
    return exitCodeOf(error);
  }
}
