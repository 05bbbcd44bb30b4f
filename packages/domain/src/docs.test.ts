// docs/domain.md and docs/events.md stay true to the code: every TypeScript sample in domain.md runs
// against this package (its assertions must hold), and events.md has a section per event type, at its version.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as domain from './index.js';
import * as domainTesting from './testing/index.js';
import { EVENT_SCHEMA_VERSIONS, LEADLINE_EVENT_TYPES } from './events.js';

const DOCS = join(__dirname, '..', '..', '..', 'docs');
const read = (name: string): string => readFileSync(join(DOCS, name), 'utf8');
const samples = [...read('domain.md').matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

const run = (source: string): void => {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const packages: Record<string, unknown> = { '@leadline/domain': domain, '@leadline/domain/testing': domainTesting };
  const load = (name: string): unknown => packages[name] ?? require(name);
  new Function('require', 'exports', outputText)(load, {});
};

describe('docs/domain.md', () => {
  it('has code samples', () => expect(samples.length).toBeGreaterThanOrEqual(4));

  it.each(samples.map((sample, index) => [String(index + 1), sample]))('sample %s runs', (_index, sample) => {
    expect(() => run(sample)).not.toThrow();
  });

  it('names every lead command in the permissions table', () => {
    const text = read('domain.md');
    for (const type of Object.keys(domain.LEAD_COMMAND_PERMISSIONS)) expect(text).toContain(`\`${type}\``);
  });
});

describe('docs/events.md', () => {
  it('documents every event type at its current version', () => {
    const text = read('events.md');
    const documented = Object.fromEntries(
      [...text.matchAll(/^### (\w+) \(v(\d+)\)$/gm)].map((match) => [match[1], Number(match[2])]),
    );
    expect(documented).toEqual(
      Object.fromEntries(LEADLINE_EVENT_TYPES.map((type) => [type, EVENT_SCHEMA_VERSIONS[type]])),
    );
  });
});
