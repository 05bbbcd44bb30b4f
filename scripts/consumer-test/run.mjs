// The consumer test (`pnpm test:consumer`, and a step of .ci/run): packs every publishable package,
// installs the tarballs with npm into a fresh application outside the workspace, and uses them there
// as a user would: plain-Node ESM, CommonJS require(), a strict TypeScript build against the shipped
// declarations, the `leadline` command, every TypeScript sample of README.md and docs/, and the
// PostgreSQL and EventStoreDB adapters once installed. Exits non-zero on the first failed check.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSamples } from './samples.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'app');
/** What a SQLite user installs, in the order they depend on each other. */
const CORE = ['domain', 'eventstore', 'projections', 'sqlite', 'leadline', 'cli'];
/** Installed in a second step, after the lean install was counted and the missing-adapter errors seen. */
const ADAPTERS = ['postgres', 'eventstoredb'];
const TEST_FRAMEWORKS = /^(jest|@jest\/.*|fast-check|vitest|mocha|jasmine|ts-jest|@swc\/jest|@types\/jest)$/;

const work = mkdtempSync(join(tmpdir(), 'leadline-consumer-'));
const keep = process.argv.includes('--keep');
let checks = 0;

function step(title) {
  console.log(`\n== ${title}`);
}

/** Runs a command; its output is shown only when it fails (or when `show` asks), then the run stops. */
function run(command, args, { cwd = work, env = {}, show = false, expectCode = 0 } = {}) {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  const code = result.status ?? 1;
  if (show) process.stdout.write(result.stdout);
  if (expectCode !== null && code !== expectCode) {
    console.error(`consumer: \`${command} ${args.join(' ')}\` in ${cwd} exited ${code}, expected ${expectCode}`);
    console.error(result.stdout, result.stderr, result.error ?? '');
    finish(false);
  }
  return { code, stdout: result.stdout, stderr: result.stderr };
}

function check(condition, what, detail = '') {
  if (!condition) {
    console.error(`consumer: FAILED: ${what}\n${detail}`);
    finish(false);
  }
  checks += 1;
  console.log(`ok ${checks} ${what}`);
}

function finish(passed) {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
  console.log(`consumer: ${checks} passed, ${passed ? 0 : 1} failed`);
  process.exit(passed ? 0 : 1);
}

/** pnpm as the workspace pins it: the one running this script, else fetched by npx. */
function pnpm(args, options) {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm/.test(execPath)) return run(process.execPath, [execPath, ...args], options);
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager;
  return run('npx', ['--yes', version, ...args], options);
}

const leadlineBin = (app) => join(app, 'node_modules', '.bin', 'leadline');
const jsonOf = (text, what) => {
  try {
    return JSON.parse(text);
  } catch {
    check(false, `${what} prints only JSON`, text);
  }
};

/** Every installed runtime package (`npm ls --all --omit=dev --parseable`), as name@version. */
function runtimePackages(app) {
  const paths = run('npm', ['ls', '--all', '--omit=dev', '--parseable'], { cwd: app }).stdout.split('\n');
  return paths
    .filter((path) => path.includes('node_modules'))
    .map((path) => {
      const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
      return `${manifest.name}@${manifest.version}`;
    })
    .sort();
}

step('build and pack every publishable package');
run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-b', 'tsconfig.base.json'], { cwd: ROOT });
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const tarballOf = new Map();
for (const name of [...CORE, ...ADAPTERS]) {
  const before = new Set(readdirSync(tarballs));
  pnpm(['pack', '--pack-destination', tarballs], { cwd: join(ROOT, 'packages', name) });
  const packed = readdirSync(tarballs).filter((file) => !before.has(file));
  check(packed.length === 1, `${name}: packed into one tarball`, packed.join('\n'));
  tarballOf.set(name, join(tarballs, packed[0]));
}
for (const [name, tarball] of tarballOf) {
  const listing = run('tar', ['-tzf', tarball]).stdout.split('\n');
  const stray = listing.filter((file) => /\.test\.|test-support\/|\.tsbuildinfo$|\/e2e\//.test(file));
  check(stray.length === 0, `${name}: the tarball holds no tests, test support or build info`, stray.join('\n'));
  const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']).stdout);
  const workspaceRanges = JSON.stringify(manifest).includes('workspace:');
  check(!workspaceRanges, `${name}: its manifest names versions, not workspace: ranges`);
}

step('install what a SQLite user installs, with npm, outside the workspace');
const app = join(work, 'app');
mkdirSync(app);
writeFileSync(
  join(app, 'package.json'),
  `${JSON.stringify({ name: 'leadline-consumer-app', private: true, type: 'module' }, null, 2)}\n`,
);
check(relative(ROOT, app).startsWith('..'), `the application lives outside the workspace (${app})`);
run('npm', ['install', '--no-audit', '--no-fund', ...CORE.map((name) => tarballOf.get(name))], { cwd: app });
const runtime = runtimePackages(app);
const frameworks = runtime.filter((key) => TEST_FRAMEWORKS.test(key.slice(0, key.lastIndexOf('@'))));
check(frameworks.length === 0, `no test framework among the ${runtime.length} runtime packages`, frameworks.join('\n'));
const drivers = runtime.filter((key) => /^(pg|@eventstore\/db-client|@grpc\/grpc-js)@/.test(key));
check(drivers.length === 0, 'no PostgreSQL or EventStoreDB driver installed for a SQLite user', drivers.join('\n'));
const documented = /\*\*(\d+) runtime packages\*\*/.exec(readFileSync(join(ROOT, 'docs', 'packages.md'), 'utf8'))?.[1];
check(
  Number(documented) === runtime.length,
  `docs/packages.md gives the runtime package count (${runtime.length})`,
  `It says ${documented}: update "What an install weighs" there. Installed: ${runtime.join(' ')}`,
);

step('plain Node: an ES module script and a CommonJS require()');
cpSync(FIXTURES, app, { recursive: true });
run(process.execPath, ['smoke.mjs'], { cwd: app, show: true });
check(true, 'ESM: opened a SQLite store, created a lead and read the board back');
run(process.execPath, ['require.cjs'], { cwd: app, show: true });
check(true, 'CommonJS: require() of the facade, the domain and the CLI');

step('the leadline command');
const help = run(leadlineBin(app), ['--help'], { cwd: app });
check(help.stdout.startsWith('Usage: leadline'), 'leadline --help answers with the usage');
const viaNpx = run('npx', ['--no-install', 'leadline', '--help'], { cwd: app });
check(viaNpx.stdout === help.stdout, 'npx leadline --help answers the same');
const piped = run('sh', ['-c', `"${leadlineBin(app)}" --help | head -1`], { cwd: app });
check(piped.stderr === '', 'leadline --help | head -1 ends quietly', piped.stderr);
const store = ['--store', 'sqlite:./cli.db'];
const created = run(leadlineBin(app), [
  ...store,
  'lead',
  'create',
  '--name',
  'Ada',
  '--email',
  'ada@example.com',
  '--json',
]);
check(typeof jsonOf(created.stdout, 'lead create --json').leadId === 'string', 'lead create --json prints the lead id');
const board = jsonOf(run(leadlineBin(app), [...store, 'pipeline', '--json']).stdout, 'pipeline --json');
check(board.count === 1, 'pipeline --json shows the lead');
const refused = run(leadlineBin(app), [...store, 'lead', 'claim', 'no-such-lead', '--json'], { expectCode: 1 });
check(refused.stdout === '' && jsonOf(refused.stderr, 'a refusal').error.code !== undefined, 'a refusal exits 1');
const demo = jsonOf(run(leadlineBin(app), ['--store', 'sqlite:./demo.db', 'demo', '--json']).stdout, 'demo --json');
check(demo.tallies.leadsCreated > 0, 'leadline demo runs from the installed package (its CSV shipped)');
const noAdapter = run(leadlineBin(app), ['--store', 'postgres://127.0.0.1:1/none', 'pipeline', '--json'], {
  expectCode: 1,
});
const adapterError = jsonOf(noAdapter.stderr, 'a missing adapter').error;
check(
  adapterError.code === 'ADAPTER_MISSING' && adapterError.message.includes('npm install @leadline/postgres'),
  'a postgres:// store without @leadline/postgres names the package to install',
  noAdapter.stderr,
);
const noSqlAdapter = run(
  leadlineBin(app),
  [...store, '--read-models', 'postgres://127.0.0.1:1/none', 'sql', 'SELECT 1', '--json'],
  { expectCode: 1 },
);
check(
  jsonOf(noSqlAdapter.stderr, 'a missing adapter for sql').error.code === 'ADAPTER_MISSING',
  'leadline sql on PostgreSQL read models without the adapter names the package to install',
  noSqlAdapter.stderr,
);

step('the adapters, and the tools a TypeScript user has');
run('npm', ['install', '--no-audit', '--no-fund', ...ADAPTERS.map((name) => tarballOf.get(name))], { cwd: app });
const devTools = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
const nodeTypes = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@types', 'node', 'package.json'), 'utf8'));
const fastCheck = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'fast-check', 'package.json'), 'utf8')).version;
run(
  'npm',
  [
    'install',
    '--no-audit',
    '--no-fund',
    '--save-dev',
    `typescript@${devTools}`,
    `@types/node@${nodeTypes.version}`,
    `fast-check@${fastCheck}`,
  ],
  { cwd: app },
);
for (const entry of ['@leadline/postgres', '@leadline/eventstoredb', '@leadline/eventstoredb/testing']) {
  run(process.execPath, ['--input-type=module', '-e', `await import('${entry}')`], { cwd: app });
  check(true, `${entry} loads under plain Node`);
}

step('a strict TypeScript build of the application and of every sample in README.md and docs/');
const samples = extractSamples(ROOT);
mkdirSync(join(app, 'samples'));
for (const sample of samples) writeFileSync(join(app, 'samples', `${sample.file}.ts`), sample.source);
const built = run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: app, expectCode: null });
check(
  built.code === 0,
  `tsc (strict, skipLibCheck false, module nodenext) on the app and ${samples.length} samples`,
  built.stdout,
);
run(process.execPath, [join('dist', 'typed-app.js')], { cwd: app, show: true });
check(true, 'the typed application runs');
for (const sample of samples) {
  const ran = run(process.execPath, [join('dist', 'samples', `${sample.file}.js`)], { cwd: app, expectCode: null });
  check(ran.code === 0, `${sample.page} sample ${sample.index} runs as written`, `${ran.stdout}\n${ran.stderr}`);
}

step('PostgreSQL through the CLI, when a server is configured');
const postgresUrl = process.env.LEADLINE_TEST_POSTGRES_URL?.trim();
if (postgresUrl) {
  const schema = `consumer_${process.pid}`;
  const separator = postgresUrl.includes('?') ? '&' : '?';
  const onPostgres = ['--store', `${postgresUrl}${separator}schema=${schema}`];
  try {
    run(leadlineBin(app), [...onPostgres, 'lead', 'create', '--name', 'Ada', '--email', 'ada@example.com', '--json']);
    const pgBoard = jsonOf(
      run(leadlineBin(app), [...onPostgres, 'pipeline', '--json']).stdout,
      'pipeline on PostgreSQL',
    );
    check(pgBoard.count === 1, 'a lead created and read back on PostgreSQL');
  } finally {
    const drop = `const { default: pg } = await import('pg'); const client = new pg.Client({ connectionString: process.argv[1] });
      await client.connect(); await client.query('DROP SCHEMA IF EXISTS ${schema} CASCADE'); await client.end();`;
    run(process.execPath, ['--input-type=module', '-e', drop, postgresUrl], { cwd: app });
  }
} else {
  console.log('skipped: LEADLINE_TEST_POSTGRES_URL is not set');
}

finish(true);
