// @leadline/cli: the `leadline` command. `runCli` runs one command line in-process (the bin and tests use it).
import { runCommandLine } from './cli/run-cli.js';
import { COMMANDS } from './commands/index.js';
import type { CliIo } from './output/io.js';
import type { ExitCode } from './cli/exit-codes.js';

export { ExitCode } from './cli/exit-codes.js';
export { endQuietlyOnClosedPipe, processIo, type CliIo } from './output/io.js';

export const runCli = (argv: readonly string[], io: CliIo): Promise<ExitCode> => runCommandLine(argv, io, COMMANDS);
