// The `leadline` program: global options, every command group, and how an action gets its session.
import { Command, Option } from 'commander';
import type { CliIo } from '../output/io.js';
import { terminalSafe } from '../output/terminal-text.js';
import { DEFAULT_USER, ROLE_NAMES } from '../session/roles.js';
import type { GlobalOptions, Session } from '../session/session.js';
import type { OpenOptions } from '../session/open-stores.js';

export const DEFAULT_STORE = 'sqlite:./leadline.db';

/** A command group registers its commands on the program. */
export type Registrar = (program: Command, io: CliIo) => void;

export function buildProgram(io: CliIo, registrars: readonly Registrar[]): Command {
  // Usage errors quote what was typed (an unknown option, a bad choice): shown escaped.
  const safeErr = (text: string): void => io.stderr(terminalSafe(text, { multiline: true }));
  const program = new Command('leadline')
    .description('Sales leads on event sourcing: work leads, watch the pipeline, audit every step.')
    .version('0.1.0')
    .addOption(
      new Option('--store <url>', 'event store: memory:, sqlite:FILE, postgres://…, esdb://…')
        .env('LEADLINE_STORE')
        .default(DEFAULT_STORE),
    )
    .addOption(
      new Option(
        '--read-models <url>',
        'where the read models live (default: beside the events; memory: for esdb)',
      ).env('LEADLINE_READ_MODELS'),
    )
    .addOption(
      new Option('--org <id>', 'organisation (default: the store\'s only one, else "default")').env('LEADLINE_ORG'),
    )
    .addOption(new Option('--as-user <id>', 'the user the command acts as').env('LEADLINE_USER').default(DEFAULT_USER))
    .addOption(new Option('--role <role>', 'the permissions of that user').choices(ROLE_NAMES).default('admin'))
    .addOption(
      new Option(
        '--permissions <list>',
        'exact permissions instead of a role, comma separated (e.g. VIEW_LEADS,EDIT_LEADS)',
      ),
    )
    .option('--json', 'print results as JSON for machines', false)
    .option('--debug', 'print stack traces of failures', false)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: safeErr })
    .exitOverride();
  program.addHelpText(
    'after',
    `
The actor: without --as-user the CLI acts as "admin" with every permission (whoever runs it holds the
store). --role manager|rep|viewer or --permissions narrow it; queries show what that user may see.

Exit codes: 0 ok, 1 refused command or bad input, 2 usage error.`,
  );
  for (const register of registrars) register(program, io);
  // Subcommands inherit the output settings and refuse unknown options and extra arguments.
  const configure = (command: Command): void => {
    command
      .configureOutput({ writeOut: io.stdout, writeErr: safeErr })
      .exitOverride()
      .showHelpAfterError('(run with --help for usage)');
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

export function globalOptionsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * An action that opens a session from the global options, runs, and always closes it. The handler gets
 * the command's positional arguments and its own options.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the handler names the options it reads
export function withSession<O extends object = Record<string, never>>(
  io: CliIo,
  handler: (session: Session, args: string[], options: O) => Promise<void>,
  open: OpenOptions = {},
): (...params: unknown[]) => Promise<void> {
  return async (...params) => {
    const command = params[params.length - 1] as Command;
    // Loaded here, not at the top: the library behind a session is what `leadline --help` must not wait for.
    const { openSession } = await import('../session/session.js');
    const session = await openSession(globalOptionsOf(command), io, open);
    try {
      await handler(session, command.processedArgs as string[], command.opts<O>());
    } finally {
      await session.close();
    }
  };
}
