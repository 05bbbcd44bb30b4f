// The program for one command line: the command it names is loaded and registered in full; every other
// command is only listed (name, usage, summary), so help and "did you mean" still see them all without
// loading their modules.
import type { Command } from 'commander';
import type { CommandEntry } from '../commands/index.js';
import type { CliIo } from '../output/io.js';
import { buildProgram, type Registrar } from './program.js';

export async function programFor(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CommandEntry[],
): Promise<Command> {
  const named = commands.find((entry) => entry.name === commandNamed(buildProgram(io, []), argv));
  // The named command's module first: it may register others of the list too, which are then not listed again.
  const loaded = named === undefined ? [] : [await named.load()];
  const program = buildProgram(io, [...loaded, ...commands.map(listedOnly)]);
  const usage = new Map(commands.map((entry) => [entry.name, entry.usage]));
  const standard = program.createHelp();
  program.configureHelp({
    subcommandTerm: (command) => usage.get(command.name()) ?? standard.subcommandTerm(command),
  });
  return program;
}

/**
 * The command a command line names: its first operand once the global options (and the values of
 * those that take one) are skipped, or the second after `help`.
 */
export function commandNamed(program: Command, argv: readonly string[]): string | undefined {
  const takesValue = new Set(
    program.options
      .filter((option) => option.required || option.optional)
      .flatMap((option) => [option.long, option.short])
      .filter((flag) => flag !== undefined),
  );
  const operands: string[] = [];
  for (let index = 0; index < argv.length && operands.length < 2; index += 1) {
    const token = argv[index] ?? '';
    if (token === '--') {
      operands.push(...argv.slice(index + 1, index + 3));
      break;
    }
    if (token.startsWith('-') && token !== '-') {
      if (takesValue.has(token)) index += 1;
      continue;
    }
    operands.push(token);
  }
  return operands[0] === 'help' ? operands[1] : operands[0];
}

/** A command shown in the list but never run: the command line named another one. */
const listedOnly =
  (entry: CommandEntry): Registrar =>
  (program) => {
    if (program.commands.some((command) => command.name() === entry.name)) return;
    program
      .command(entry.name)
      .description(entry.summary)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() => {
        throw new Error(`The command line was read as naming another command than "${entry.name}".`);
      });
  };
