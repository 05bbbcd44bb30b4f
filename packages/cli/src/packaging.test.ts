// What each published entry loads, read from the import graph of the sources: runtime entries reach no
// test framework (not even through a lazy import) and load no driver the user did not choose before it is
// asked for, and the `leadline` executable reaches nothing but commander before a command is named.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const PACKAGES = join(__dirname, '..', '..');
const PUBLISHED = ['domain', 'eventstore', 'projections', 'sqlite', 'postgres', 'eventstoredb', 'leadline', 'cli'];
/** The kits that register jest tests; `@leadline/domain/testing` and `leadline/testing` load no framework. */
const JEST_KITS = new Set([
  '@leadline/eventstore/testing',
  '@leadline/projections/testing',
  '@leadline/projections/histories',
  '@leadline/postgres/testing',
  '@leadline/eventstoredb/testing',
]);
const TEST_FRAMEWORKS = ['fast-check', '@jest/globals', 'jest'];
/** The drivers a user picks by URL, and the one package allowed to load each. */
const DRIVERS: Readonly<Record<string, string>> = {
  pg: '@leadline/postgres',
  '@eventstore/db-client': '@leadline/eventstoredb',
  '@grpc/grpc-js': '@leadline/eventstoredb',
};

interface Manifest {
  readonly name: string;
  readonly exports: Readonly<Record<string, { readonly '@leadline/source': string }>>;
}
const manifests = new Map(
  PUBLISHED.map((folder) => {
    const manifest = JSON.parse(readFileSync(join(PACKAGES, folder, 'package.json'), 'utf8')) as Manifest;
    return [manifest.name, { folder, manifest }] as const;
  }),
);

/** The source file an import of one of our packages resolves to (its `@leadline/source` condition). */
function sourceOf(specifier: string): string | undefined {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  const found = manifests.get(name ?? '');
  if (found === undefined) return undefined;
  const entry = found.manifest.exports[`.${specifier.slice(name?.length ?? 0)}`];
  return entry === undefined ? undefined : join(PACKAGES, found.folder, entry['@leadline/source']);
}

const STATIC_IMPORT = /^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm;
const LAZY_IMPORT = /\bimport\(\s*'([^']+)'\s*\)/g;

/**
 * Bare specifiers reached from `file` by imports that carry values (not `import type`): static ones,
 * and with `lazy` also `import('…')` calls, which load only when their code runs.
 */
function reachedFrom(file: string, lazy: boolean, seen = new Set<string>(), reached = new Set<string>()): Set<string> {
  if (seen.has(file)) return reached;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  const imports = [...source.matchAll(STATIC_IMPORT), ...(lazy ? source.matchAll(LAZY_IMPORT) : [])];
  for (const specifier of imports.map((match) => match[1] ?? '')) {
    if (specifier.startsWith('.')) {
      reachedFrom(join(dirname(file), specifier.replace(/\.js$/, '.ts')), lazy, seen, reached);
    } else if (!specifier.startsWith('node:')) {
      reached.add(specifier);
      const ours = sourceOf(specifier);
      if (ours !== undefined) reachedFrom(ours, lazy, seen, reached);
    }
  }
  return reached;
}

const packageOf = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');

const runtimeEntries = [...manifests.values()].flatMap(({ manifest }) =>
  Object.keys(manifest.exports)
    .map((entry) => [`${manifest.name}${entry.slice(1)}`, manifest.name] as const)
    .filter(([entry]) => !JEST_KITS.has(entry)),
);

describe('the runtime entries', () => {
  it.each(runtimeEntries)('%s loads no test framework, and no driver it does not own up front', (entry, owner) => {
    const file = sourceOf(entry) ?? '';
    const everything = [...reachedFrom(file, true)].map(packageOf);
    expect(everything.filter((name) => TEST_FRAMEWORKS.includes(name))).toEqual([]);
    const upFront = [...reachedFrom(file, false)].map(packageOf);
    expect(upFront.filter((name) => DRIVERS[name] !== undefined && DRIVERS[name] !== owner)).toEqual([]);
  });
});

describe('leadline --help', () => {
  it('reaches nothing but commander before a command is named: no library, driver, table or progress bar', () => {
    expect([...reachedFrom(resolve(__dirname, 'main.ts'), false)]).toEqual(['commander']);
  });
});
