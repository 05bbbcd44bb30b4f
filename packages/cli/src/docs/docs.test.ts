// The pages this package owns stay true to the code: every TypeScript sample is type-checked (strict,
// as our own code) and run, and every `leadline …` line of docs/cli.md names real commands and options.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Command } from 'commander';
import ts from 'typescript';
import { buildProgram } from '../cli/program.js';
import { loadAllCommands } from '../commands/index.js';
import * as cli from '../index.js';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DOCS = join(ROOT, 'docs');
const PAGES = ['concepts.md', 'audits.md', 'operating.md', 'api.md', join('..', 'README.md')] as const;

const samples = PAGES.flatMap((page) =>
  [...readFileSync(join(DOCS, page), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    page,
    index: index + 1,
    source: match[1] ?? '',
  })),
);

/** Imports (one line or several) stay on top; the rest, which awaits at top level, becomes a function body. */
function asModule(source: string): string {
  const imports: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of source.split('\n')) {
    if (line.startsWith('import ')) inImport = true;
    (inImport ? imports : body).push(line);
    if (inImport && / from '[^']+';$/.test(line)) inImport = false;
  }
  return `${imports.join('\n')}\nexport async function sample(): Promise<void> {\n${body.join('\n')}\n}\n`;
}

function typeErrors(): string[] {
  const files = new Map(
    samples.map((sample) => [
      join(__dirname, `${sample.page.replace('.md', '').replace(/\W/g, '_')}-${sample.index}.sample.ts`),
      asModule(sample.source),
    ]),
  );
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  const options = {
    ...ts.parseJsonConfigFileContent(config.config, ts.sys, __dirname).options,
    noEmit: true,
    composite: false,
    declaration: false,
    emitDeclarationOnly: false,
    declarationMap: false,
    customConditions: ['@leadline/source'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files.keys()]
    .flatMap((name) => ts.getPreEmitDiagnostics(program, program.getSourceFile(name)))
    .map(
      (diagnostic) =>
        `${diagnostic.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
    );
}

async function run(source: string): Promise<void> {
  const { outputText } = ts.transpileModule(asModule(source), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const load = (name: string): unknown => (name === '@leadline/cli' ? cli : require(name));
  const exports: { sample?: () => Promise<void> } = {};
  new Function('require', 'exports', outputText)(load, exports);
  await exports.sample?.();
}

/** Words of a shell line, with quotes taken off. */
const words = (line: string): string[] =>
  [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');

/** The options a command line uses that neither the command nor the program defines. */
function unknownOptions(program: Command, line: string): string[] {
  let command = program;
  const unknown: string[] = [];
  const known = (name: string): { takesValue: boolean } | null => {
    for (const owner of [command, program]) {
      const option = owner.options.find((candidate) => candidate.long === name || candidate.short === name);
      if (option !== undefined) return { takesValue: option.required || option.optional };
    }
    return name === '--help' || name === '-h' ? { takesValue: false } : null;
  };
  const tokens = words(line).slice(1);
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] ?? '';
    if (token.startsWith('-')) {
      const option = known(token);
      if (option === null) unknown.push(token);
      else if (option.takesValue) index += 1;
      continue;
    }
    const sub = command.commands.find((candidate) => candidate.name() === token);
    if (sub !== undefined) command = sub;
  }
  if (command === program && tokens.some((token) => !token.startsWith('-'))) unknown.push(`no command in "${line}"`);
  return unknown;
}

describe('the docs this package owns', () => {
  it('have samples on every page', () => {
    for (const page of PAGES) expect(samples.filter((sample) => sample.page === page).length).toBeGreaterThanOrEqual(1);
  });

  it('type check', () => {
    expect(typeErrors()).toEqual([]);
  }, 120_000);

  it.each(samples.map((sample) => [sample.page, sample.index, sample.source] as const))(
    '%s sample %i runs',
    async (_page, _index, source) => {
      await run(source);
    },
    30_000,
  );

  it('name only real commands and options in docs/cli.md and the README', async () => {
    const program = buildProgram(
      { stdout: () => undefined, stderr: () => undefined, interactive: false, cwd: ROOT },
      await loadAllCommands(),
    );
    const lines = ['cli.md', join('..', 'README.md')].flatMap((page) =>
      [...readFileSync(join(DOCS, page), 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((match) =>
        (match[1] ?? '').split('\n').filter((line) => line.startsWith('leadline ')),
      ),
    );
    expect(lines.length).toBeGreaterThan(40);
    expect(unknownOptions(program, 'leadline lead claim LEAD --bogus')).toEqual(['--bogus']);
    expect(lines.flatMap((line) => unknownOptions(program, line).map((problem) => `${line}: ${problem}`))).toEqual([]);
  });
});
