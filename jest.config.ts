import type { Config } from 'jest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// One Jest project per package (and per example that has tests). TypeScript is transpiled by SWC;
// type checking is `pnpm typecheck` (tsc -b), so a type error never hides behind a green test run.
const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};

function projectsUnder(folder: string): NonNullable<Config['projects']> {
  if (!existsSync(join(__dirname, folder))) return [];
  return readdirSync(join(__dirname, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(__dirname, folder, entry.name, 'package.json')))
    .map((entry) => ({
      displayName: `${folder}/${entry.name}`,
      rootDir: join(__dirname, folder, entry.name),
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      transform,
      setupFiles: [join(__dirname, 'packages/eventstore/src/testing/jest-bigint-setup.ts')],
      testEnvironment: 'node',
    }));
}

const config: Config = {
  projects: [...projectsUnder('packages'), ...projectsUnder('examples')],
  // Two cores on our machines: two workers, and slow suites (SQLite kill tests, PostgreSQL) get room.
  maxWorkers: 2,
  testTimeout: 30_000,
};

export default config;
