// docs/read-models.md stays true: its TypeScript sample runs (on SQLite :memory:, the in-memory mode),
// and every table and column of every projector is documented (the SQL samples: docs-sql.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { ALL_PROJECTORS, ANALYST_VIEWS } from '@leadline/projections';
import { docBlocks } from '@leadline/projections/testing';

const page = join(__dirname, '..', '..', '..', '..', '..', 'docs', 'read-models.md');

/** Our own package by name, as the sample imports it, resolved to its source. */
function sampleRequire(id: string): unknown {
  if (id === '@leadline/sqlite') return require('../index.js');
  return require(id);
}

type Sample = (require: (id: string) => unknown, console: Pick<Console, 'log'>) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...parameters: string[]
) => Sample;

describe('docs/read-models.md', () => {
  it.each(
    docBlocks(page)
      .filter((block) => block.info === 'ts')
      .map((block): [number, string] => [block.line, block.code]),
  )('runs the sample at line %i', async (_line, code) => {
    const javascript = ts.transpileModule(code, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const logged: string[] = [];
    await new AsyncFunction('require', 'console', `const exports = {};\n${javascript}`)(sampleRequire, {
      log: (...values: unknown[]) => logged.push(values.join(' ')),
    });
    expect(logged).toEqual([
      expect.stringMatching(/^[^:,]+: \d+(, [^:,]+: \d+)+$/),
      expect.stringMatching(/^\d+$/),
      'true',
    ]);
  });

  it('documents every analyst view and its columns as they are defined', () => {
    const text = readFileSync(page, 'utf8');
    for (const view of ANALYST_VIEWS) {
      const section = text.split(`##### \`${view.name}\``)[1]?.split('#####')[0] ?? '';
      for (const [column, meaning] of Object.entries(view.columns))
        expect({ view: view.name, column, found: section.includes(`| \`${column}\` | ${meaning} |`) }).toEqual({
          view: view.name,
          column,
          found: true,
        });
    }
  });

  it("states each table's version, primary key and indexes as they are defined", () => {
    const text = readFileSync(page, 'utf8');
    for (const projector of ALL_PROJECTORS) {
      expect(text).toContain(`#### Tables of \`${projector.name}\` (version ${projector.version})`);
      for (const table of projector.tables) {
        const indexes = table.indexes.map((index) => `(${index.columns.join(', ')})`).join(', ');
        const line = `${table.description} Primary key: (${table.primaryKey.join(', ')}).${indexes === '' ? '' : ` Indexes: ${indexes}.`}`;
        expect(text).toContain(`##### \`${table.name}\`\n\n${line}\n`);
      }
    }
  });

  it('documents every table and column of every read model', () => {
    const text = readFileSync(page, 'utf8');
    for (const projector of ALL_PROJECTORS) {
      for (const table of projector.tables) {
        const section = text.split(`##### \`${table.name}\``)[1]?.split('#####')[0];
        expect({ table: table.name, documented: section !== undefined }).toEqual({
          table: table.name,
          documented: true,
        });
        for (const column of table.columns)
          expect({
            table: table.name,
            column: column.name,
            found: section?.includes(`| \`${column.name}\` | ${column.type} |`),
          }).toEqual({ table: table.name, column: column.name, found: true });
      }
    }
  });
});
