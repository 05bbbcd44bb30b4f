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
      // Kysely ships ES modules only: SWC turns them into CommonJS for Jest like our own sources.
      transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?kysely)'],
      setupFiles: [join(__dirname, 'packages/eventstore/src/testing/jest-bigint-setup.ts')],
      testEnvironment: 'node',
      // Workspace packages resolve to their TypeScript sources (the "@leadline/source" export condition),
      // so tests need no build; relative ".js" specifiers (ES module style) map to the ".ts" beside them.
      testEnvironmentOptions: { customExportConditions: ['@leadline/source', 'node', 'node-addons'] },
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    }));
}

// Each PostgreSQL suite registers one skipped test naming the variable, but Jest's summary does not
// print skipped names, so say it once here where a person running `pnpm test` will see it.
if (!process.env.LEADLINE_TEST_POSTGRES_URL?.trim()) {
  process.stderr.write(
    'PostgreSQL tests skipped: set LEADLINE_TEST_POSTGRES_URL=postgres://user@host:5432/db to run them ' +
      '(for example postgres://postgres@127.0.0.1:5432/test).\n',
  );
}

const config: Config = {
  projects: [...projectsUnder('packages'), ...projectsUnder('examples')],
  // Two cores on our machines: two workers, and slow suites (SQLite kill tests, PostgreSQL) get room.
  maxWorkers: 2,
  testTimeout: 30_000,
};

export default config;
