// docs/getting-started.md and docs/runtime.md stay true to the code: every TypeScript sample is type
// checked against the packages (strict, as our own code is) and then run; its assertions must hold.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import * as leadline from '../index.js';
import * as leadlineTesting from '../testing/index.js';

const DOCS = join(__dirname, '..', '..', '..', '..', 'docs');
const PAGES = ['getting-started.md', 'runtime.md', 'intake.md', 'email.md'] as const;

interface Sample {
  readonly page: string;
  readonly index: number;
  readonly source: string;
}

const samples: Sample[] = PAGES.flatMap((page) =>
  [...readFileSync(join(DOCS, page), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    page,
    index: index + 1,
    source: match[1] ?? '',
  })),
);

/** The sample as a module: imports stay on top, the rest (which awaits at top level) becomes a function body. */
function asModule(source: string): string {
  const lines = source.split('\n');
  const imports = lines.filter((line) => line.startsWith('import '));
  const body = lines.filter((line) => !line.startsWith('import '));
  return `${imports.join('\n')}\nexport async function sample(): Promise<void> {\n${body.join('\n')}\n}\n`;
}

function typeErrors(): string[] {
  const folder = __dirname;
  const files = new Map(
    samples.map((sample) => [
      join(folder, `${sample.page.replace('.md', '')}-${sample.index}.sample.ts`),
      asModule(sample.source),
    ]),
  );
  const config = ts.readConfigFile(join(__dirname, '..', '..', '..', '..', 'tsconfig.base.json'), (path) =>
    ts.sys.readFile(path),
  );
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(folder)).options;
  const host = ts.createCompilerHost({
    ...options,
    noEmit: true,
    composite: false,
    declaration: false,
    emitDeclarationOnly: false,
    declarationMap: false,
    customConditions: ['@leadline/source'],
  });
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram(
    [...files.keys()],
    {
      ...options,
      noEmit: true,
      composite: false,
      declaration: false,
      emitDeclarationOnly: false,
      declarationMap: false,
      customConditions: ['@leadline/source'],
    },
    host,
  );
  // Only the samples are checked (the packages have their own type check), which keeps this quick.
  return [...files.keys()]
    .flatMap((name) => ts.getPreEmitDiagnostics(program, program.getSourceFile(name)))
    .map(
      (diagnostic) => `${diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
    );
}

async function run(source: string): Promise<void> {
  const { outputText } = ts.transpileModule(asModule(source), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const load = (name: string): unknown =>
    name === 'leadline' ? leadline : name === 'leadline/testing' ? leadlineTesting : require(name);
  const exports: { sample?: () => Promise<void> } = {};
  new Function('require', 'exports', outputText)(load, exports);
  await exports.sample?.();
}

describe('the docs of the runtime', () => {
  it('have samples on both pages', () => {
    expect(samples.filter((sample) => sample.page === 'getting-started.md')).toHaveLength(1);
    expect(samples.filter((sample) => sample.page === 'runtime.md').length).toBeGreaterThanOrEqual(5);
  });

  it('type check', () => {
    expect(typeErrors()).toEqual([]);
  }, 120_000);

  it.each(samples.map((sample) => [sample.page, sample.index, sample.source] as const))(
    '%s sample %i runs',
    async (_page, _index, source) => {
      await run(source);
    },
  );
});
