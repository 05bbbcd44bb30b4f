// Runs one command line and returns its exit code: usage errors 2, refusals and bad input 1, else 0.
import { CommanderError } from 'commander';
import type { CliIo } from '../output/io.js';
import { toJson } from '../output/io.js';
import { terminalSafe } from '../output/terminal-text.js';
import { ExitCode } from './exit-codes.js';
import { buildProgram, type Registrar } from './program.js';
import { exitCodeOf, formatReport, reportOf } from './report-error.js';

export async function runCommandLine(
  argv: readonly string[],
  io: CliIo,
  registrars: readonly Registrar[],
): Promise<ExitCode> {
  const program = buildProgram(io, registrars);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    const report = reportOf(error);
    io.stderr(
      `${argv.includes('--json') ? toJson({ error: report }) : terminalSafe(formatReport(report), { multiline: true })}\n`,
    );
    if (argv.includes('--debug') && error instanceof Error && error.stack !== undefined)
      io.stderr(`${terminalSafe(error.stack, { multiline: true })}\n`);
    return exitCodeOf(error);
  }
}
