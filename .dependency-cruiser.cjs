// The layers of docs/contributing.md ("Layer rules"), checked by `pnpm depcruise` in CI: arrows point one way,
// cli -> leadline -> (projections, event-store adapters) -> eventstore, projections -> domain.
// Imports between workspace packages resolve through each package's `exports` (the `@leadline/source`
// condition points at src/), so an import of another package's internals does not resolve and fails below.
const TEST = '(\\.test\\.ts$|/testing/|/test-support/|/crash-test/)';
const IO_MODULES = [
  '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|os|readline)$',
  '^(pg|better-sqlite3|@eventstore/db-client|@grpc/grpc-js)(/|$)',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, inside a package or between packages.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: "Every import resolves: a path outside another package's exports map does not.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'only-public-entries',
      severity: 'error',
      comment:
        "Across packages, only a package's exports entries (src/index.ts, src/testing/index.ts, ...) are imported.",
      from: { path: '^(packages|examples)/([^/]+)/' },
      to: {
        path: '^packages/[^/]+/',
        pathNot: ['^$1/$2/', '^packages/[^/]+/src/index\\.ts$', '^packages/[^/]+/src/testing/(history/)?index\\.ts$'],
      },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain imports no other package of ours and no I/O library.',
      from: { path: '^packages/domain/src/', pathNot: TEST },
      to: { path: ['^packages/(?!domain/)', ...IO_MODULES] },
    },
    {
      name: 'domain-tests-stay-in-domain',
      severity: 'error',
      comment: "The domain's own tests and test kit import no other package of ours either.",
      from: { path: '^packages/domain/src/' },
      to: { path: '^packages/(?!domain/)' },
    },
    {
      name: 'eventstore-knows-no-leads',
      severity: 'error',
      comment: 'The generic event store knows nothing about leads, read models or adapters.',
      from: { path: '^packages/eventstore/src/' },
      to: { path: '^packages/(?!eventstore/)' },
    },
    {
      name: 'event-stores-never-import-projections',
      severity: 'error',
      comment:
        "An adapter's event-store side imports only @leadline/eventstore; only its read-model side implements the projections' store port.",
      from: {
        path: '^packages/(sqlite|postgres|eventstoredb)/src/',
        pathNot: '^packages/(sqlite|postgres)/src/readmodels/',
      },
      to: { path: '^packages/(projections|domain|leadline|cli)/' },
    },
    {
      name: 'read-model-stores-implement-the-port',
      severity: 'error',
      comment: 'A read-model store imports projections (its port and SQL compiler) and the event store, nothing above.',
      from: { path: '^packages/(sqlite|postgres)/src/readmodels/' },
      to: { path: '^packages/(domain|leadline|cli|eventstoredb)/' },
    },
    {
      name: 'projections-below-the-facade',
      severity: 'error',
      comment: 'Projections build on the domain and the event store port only.',
      from: { path: '^packages/projections/src/' },
      to: { path: '^packages/(?!projections/|domain/|eventstore/)' },
    },
    {
      name: 'facade-below-the-cli',
      severity: 'error',
      comment: 'The facade never imports the CLI or the benchmarks.',
      from: { path: '^packages/leadline/src/' },
      to: { path: '^packages/(cli|bench)/' },
    },
    {
      name: 'cli-through-the-facade',
      severity: 'error',
      comment:
        "The CLI reaches the library only through the facade (`leadline`) and the domain's vocabulary (ids, permissions, errors).",
      from: { path: '^packages/cli/src/', pathNot: TEST },
      to: { path: '^packages/(?!cli/|leadline/|domain/)' },
    },
    {
      name: 'cli-tests-through-the-facade',
      severity: 'error',
      comment: "The CLI's tests add only the adapters' test kits (a PostgreSQL schema, the EventStoreDB stand-in).",
      from: { path: `^packages/cli/src/.*${TEST}` },
      to: { path: '^packages/(?!cli/|leadline/|domain/|(postgres|eventstoredb)/src/testing/index\\.ts$)' },
    },
    {
      name: 'http-over-the-facade',
      comment:
        "The HTTP handler is an adapter over the facade: it reaches the library through `leadline`, the domain's vocabulary and the event store port's types, never an adapter or the read side directly.",
      severity: 'error',
      from: { path: '^packages/http/src/' },
      to: { path: '^packages/(?!http/|leadline/|domain/|eventstore/src/index\\.ts$)' },
    },
    {
      name: 'nothing-imports-http-but-apps',
      comment: 'Only applications (examples) and the benchmarks build on the HTTP handler; the library never does.',
      severity: 'error',
      from: { path: '^packages/(?!http/|bench/)' },
      to: { path: '^packages/http/' },
    },
    {
      name: 'nothing-imports-the-cli-or-bench',
      severity: 'error',
      comment: 'The CLI and the benchmarks are leaves.',
      from: { path: '^(packages|examples)/(?!cli/|bench/)' },
      to: { path: '^packages/(cli|bench)/' },
    },
  ],
  options: {
    exclude: { path: '(^|/)dist/' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@leadline/source', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
