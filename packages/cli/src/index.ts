// @leadline/cli: the `leadline` command. `runCli` runs one command line in-process (the bin and tests use it).
import { runCommandLine } from './cli/run-cli';
import { COMMANDS } from './commands';
import type { CliIo } from './output/io';
import type { ExitCode } from './cli/exit-codes';

export { ExitCode } from './cli/exit-codes';
export { processIo, type CliIo } from './output/io';
export { neutraliseCell } from './output/csv';

export const runCli = (argv: readonly string[], io: CliIo): Promise<ExitCode> => runCommandLine(argv, io, COMMANDS);
