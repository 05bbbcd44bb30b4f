// Finds the TypeScript samples of a markdown page, so a test can run each one or compare it with its source.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface DocSample {
  /** The 1-based line of the opening fence, to name the sample in test titles. */
  readonly line: number;
  readonly code: string;
  /** Set by a `<!-- same as path/from/repo/root -->` comment right above the fence: the sample is a quote of that file. */
  readonly sameAs: string | undefined;
}

export function docSamples(markdownFile: string): DocSample[] {
  const lines = readFileSync(markdownFile, 'utf8').split('\n');
  const samples: DocSample[] = [];
  for (let index = 0; index < lines.length; index++) {
    // `ts workspace` and `ts fragment` fences (docs/README.md) are samples too, not run by the consumer test.
    if (!/^```ts( workspace| fragment)?$/.test(lines[index]?.trim() ?? '')) continue;
    const end = lines.findIndex((line, after) => after > index && line.trim() === '```');
    if (end === -1) throw new Error(`${markdownFile}:${index + 1}: a TypeScript sample is never closed`);
    const sameAs = /^<!-- same as (\S+) -->$/.exec(lines[index - 1]?.trim() ?? '')?.[1];
    samples.push({ line: index + 1, code: lines.slice(index + 1, end).join('\n'), sameAs });
    index = end;
  }
  return samples;
}

type SampleFunction = (require: NodeJS.Require, console: Pick<Console, 'log'>) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...parameters: string[]
) => SampleFunction;

/** Runs a sample as a CommonJS module body (top-level await allowed) and returns what it logged. */
export async function runSample(code: string, requireModule: NodeJS.Require): Promise<string[]> {
  const javascript = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const logged: string[] = [];
  const exportsShim = 'const exports = {};\n';
  await new AsyncFunction('require', 'console', exportsShim + javascript)(requireModule, {
    log: (...values: unknown[]) => logged.push(values.map(String).join(' ')),
  });
  return logged;
}
