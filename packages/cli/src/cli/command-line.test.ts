// The command line loads only the command it names: the list of commands matches what each module
// registers, and the name is found past the global options (packaging.test.ts checks what --help loads).
import { EventEmitter } from 'node:events';
import { describe, expect, it, jest } from '@jest/globals';
import type { Command } from 'commander';
import { COMMANDS, loadAllCommands } from '../commands/index.js';
import { endQuietlyOnClosedPipe } from '../output/io.js';
import { commandNamed, programFor } from './command-line.js';
import { buildProgram } from './program.js';

const io = { stdout: () => undefined, stderr: () => undefined, interactive: false, cwd: '.' };

describe('the list of commands', () => {
  const termsOf = (program: Command) => {
    const help = program.createHelp();
    return program.commands.map((command) => [command.name(), help.subcommandTerm(command), command.description()]);
  };

  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    '%s is listed as its module registers it',
    async (_name, entry) => {
      const registered = termsOf(buildProgram(io, [await entry.load()]));
      expect(registered).toContainEqual([entry.name, entry.usage, entry.summary]);
    },
  );

  it('names every command the modules register, each once', async () => {
    const registered = termsOf(buildProgram(io, await loadAllCommands())).map(([name]) => name);
    expect(registered.sort()).toEqual(COMMANDS.map((entry) => entry.name).sort());
  });

  it('registers in full only the command the line names', async () => {
    const program = await programFor(['--store', 'memory:', 'pipeline', '--json'], io, COMMANDS);
    const withOptions = program.commands.filter((command) => command.options.length > 0).map((c) => c.name());
    expect(withOptions).toEqual(['pipeline']);
    const names = program.commands.map((command) => command.name());
    expect(names.sort()).toEqual(COMMANDS.map((entry) => entry.name).sort());
  });

  it("lists a command once when the named command's module registers it too", async () => {
    const program = await programFor(['retry-parked', '--help'], io, COMMANDS);
    const names = program.commands.map((command) => command.name());
    expect(names.sort()).toEqual(COMMANDS.map((entry) => entry.name).sort());
  });
});

describe('the command a line names', () => {
  const program = buildProgram(io, []);
  it.each([
    [['--store', 'memory:', 'pipeline', '--json'], 'pipeline'],
    [['--store=memory:', '--json', 'lead', 'create'], 'lead'],
    [['--role', 'rep', '--as-user', 'ben', 'queue'], 'queue'],
    [['help', 'audit'], 'audit'],
    [['--help'], undefined],
    [['--org', 'help'], undefined],
    [[], undefined],
  ] as const)('%j names %s', (argv, expected) => {
    expect(commandNamed(program, argv)).toBe(expected);
  });
});

describe('a closed pipe', () => {
  const target = () => {
    const streams = { stdout: new EventEmitter(), stderr: new EventEmitter(), exitCode: 1 };
    const exit = jest.fn<(code?: number) => never>();
    endQuietlyOnClosedPipe({ ...streams, exit });
    return { ...streams, exit };
  };

  it('ends the process at once with the exit code it has so far', () => {
    const { stdout, exit } = target();
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('lets any other stream error surface', () => {
    const { stderr, exit } = target();
    expect(() => stderr.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow('disk full');
    expect(exit).not.toHaveBeenCalled();
  });
});
