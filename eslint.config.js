// ESLint for the whole workspace (pnpm lint): typescript-eslint's strict, type-checked rules over every
// package and example, tests included. Types come from each package's tsconfig.json (projectService).
// A rule is tuned below only where it is wrong for this codebase, each with its reason.
const eslint = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {
    // The consumer test's application files resolve the packages only where they are installed, in a
    // temporary folder outside the workspace; there they are type-checked strictly and run.
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'bench/results/**', 'scripts/consumer-test/app/**'],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Root tooling files belong to no package; they are checked with the shared compiler options.
        projectService: { allowDefaultProject: ['*.ts', '*.js', '.*.cjs'], defaultProject: 'tsconfig.base.json' },
        tsconfigRootDir: __dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Counts, sizes and (allowNumber covers bigint) positions/revisions read naturally in messages as decimals.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `afterAll(() => store.close())`, `() => resolve()`: a shorthand arrow passed as a callback is no confusion.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Synchronous implementations of async ports (memory and SQLite stores, reactor state) are `async` so a
      // thrown error becomes a rejection as the port promises; that is the point of `async` without `await`.
      '@typescript-eslint/require-await': 'off',
      // `_context` keeps a decider's (command, state, context) signature; `{ id: _, ...rest }` drops a key.
      // A caught error is passed on as it came (rethrown, or rejected from a port's promise): wrapping it would
      // change what callers catch.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The docs' tests run the samples of docs/ as code: they compile each to CommonJS and evaluate it with the
    // package under test standing in for its import, which is eval and require by design.
    files: ['**/docs/*.ts', '**/docs.test.ts'],
    rules: {
      '@typescript-eslint/no-implied-eval': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // A read-model store implements the projections' store port; the read models' queries are not its
    // business (docs/contributing.md, "Layer rules"). dependency-cruiser sees modules, this sees the names.
    files: ['packages/sqlite/src/readmodels/**/*.ts', 'packages/postgres/src/readmodels/**/*.ts'],
    ignores: ['**/*.test.ts', '**/crash-test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@leadline/projections',
              importNames: [
                'claimPool',
                'journeyTimeline',
                'lapsedClaims',
                'liveClaims',
                'nextClaimExpiries',
                'pipelineBoard',
                'searchLeads',
                'sourceAnalytics',
                'stageFunnel',
                'stagePaths',
                'verifyJourney',
                'verifyJourneySteps',
                'verifyJourneys',
                'workQueue',
              ],
              message: "A read-model store implements the port; the read models' queries are not its business.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and test kits index fixtures they just built: a failed `!` fails the test, which is what it is for.
    files: ['**/*.test.ts', '**/testing/**/*.ts', '**/test-support/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The config files are CommonJS run by plain node: no type information, node's globals.
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Repository scripts are ES modules in plain JavaScript run by node: no type information, node's globals.
    files: ['scripts/**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
  },
);
