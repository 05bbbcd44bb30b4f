// The domain is pure: no clock, no randomness, no I/O, no other Leadline package. This scans every
// non-test source file of the package and fails on any of them.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const FORBIDDEN: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'Date.now()', pattern: /\bDate\.now\s*\(/ },
  { name: 'new Date() without an argument', pattern: /\bnew\s+Date\s*\(\s*\)/ },
  { name: 'Math.random()', pattern: /\bMath\.random\b/ },
  { name: 'performance.now()', pattern: /\bperformance\.now\b/ },
  { name: 'process', pattern: /\bprocess\.(env|hrtime|argv)\b/ },
  { name: 'an import of a node: module', pattern: /(from\s+|require\(\s*|import\(\s*)['"]node:/ },
  {
    name: 'an import of a Node built-in',
    pattern:
      /(from\s+|require\(\s*|import\(\s*)['"](fs|path|os|crypto|http|https|net|child_process|worker_threads)['"]/,
  },
  {
    name: 'an import of another @leadline package',
    pattern: /(from\s+|require\(\s*|import\(\s*)['"](@leadline\/|leadline['"/])/,
  },
];
// Pure libraries only: exhaustive matching, and the numbering plans phones are normalised with (data, no I/O).
const ALLOWED_PACKAGES = new Set(['ts-pattern', 'libphonenumber-js']);

const sources = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });

const findViolations = (text: string): string[] =>
  FORBIDDEN.filter(({ pattern }) => pattern.test(text)).map(({ name }) => name);

describe('the domain package is pure', () => {
  const files = sources(__dirname);

  it('scans the sources it should', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((file) => file.endsWith('lead/decide.ts'))).toBe(true);
  });

  it.each(files.map((file) => [relative(__dirname, file), file]))(
    '%s uses no clock, randomness, I/O or other package',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect(findViolations(text)).toEqual([]);
      const packages = [...text.matchAll(/from\s+['"]([^'".][^'"]*)['"]/g)].map((match) => match[1]);
      expect(packages.filter((name) => name !== undefined && !ALLOWED_PACKAGES.has(name))).toEqual([]);
    },
  );

  it('would catch each forbidden use', () => {
    const samples = [
      'const t = Date.now();',
      'const d = new Date();',
      'const r = Math.random();',
      "import { readFileSync } from 'node:fs';",
      "import { EventStore } from '@leadline/eventstore';",
      "const fs = require('fs');",
    ];
    for (const sample of samples) expect(findViolations(sample)).not.toEqual([]);
    expect(findViolations("const d = new Date(Date.parse('2026-01-01'));")).toEqual([]);
  });
});
