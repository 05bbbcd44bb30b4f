// The cost of sealing personal data (docs/privacy.md): the same realistic lead histories appended, and
// rebuilt into every read model, through the sealing decorator (subject) and without it (ceiling), on
// each store with its keys where openLeadline keeps them (memory; the same SQLite file; the same
// PostgreSQL schema). The ratio is the cost of AES-256-GCM per personal field plus the key table.
// Target: at most 15% (#19).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  createMemoryEventStore,
  createMemoryKeyStore,
  createSealingEventStore,
  type ContactKeyStore,
  type EventStore,
} from '@leadline/eventstore';
import { openPostgresEventStore, openPostgresKeyStore, openPostgresReadModelStore } from '@leadline/postgres';
import { ALL_PROJECTORS, createProjectionRunner, type ReadModelStore } from '@leadline/projections';
import { openSqliteEventStore, openSqliteKeyStore, openSqliteReadModelStore } from '@leadline/sqlite';
import { LEADLINE_PERSONAL_DATA } from 'leadline';
import { registerWorkload, type Trial } from '../harness/registry.js';
import { fill, historyOf, REBUILD_BATCH_SIZE } from './rebuild.js';

type Kind = 'sealed' | 'plain';

/** An event store of one kind, sealed with keys beside it or plain, and how to let it go. */
interface Side {
  readonly events: EventStore;
  close(): Promise<void>;
}

interface SealingParts {
  /** The store name in the workload's name. */
  readonly store: string;
  /** A store of this name (a fresh one each call unless `name` names one opened before). */
  openEvents(kind: Kind, name: string): Promise<Side>;
  openReadModels(): Promise<{ readonly store: ReadModelStore; close(): Promise<void> }>;
  readonly unavailable?: () => string | undefined;
  readonly repetitions?: number;
}

const sealedOver = (events: EventStore, keys: ContactKeyStore): EventStore =>
  createSealingEventStore(events, { keys, policy: LEADLINE_PERSONAL_DATA });

let fresh = 0;
function registerSealing(parts: SealingParts): void {
  const extra = {
    ...(parts.unavailable === undefined ? {} : { unavailable: parts.unavailable }),
    ...(parts.repetitions === undefined ? {} : { repetitions: parts.repetitions }),
  };
  const appendTrial = async (events: number, kind: Kind): Promise<Trial> => {
    const side = await parts.openEvents(kind, `append-${++fresh}`);
    return {
      run: async () => {
        await fill(side.events, historyOf(events));
        return events;
      },
      close: () => side.close(),
    };
  };
  registerWorkload({
    name: `sealed-append.${parts.store}`,
    store: `${parts.store} (sealed vs plain)`,
    subject: ({ events }) => appendTrial(events, 'sealed'),
    ceiling: ({ events }) => appendTrial(events, 'plain'),
    ...extra,
  });

  const filled = new Set<string>();
  const rebuildTrial = async (events: number, kind: Kind): Promise<Trial> => {
    const name = `rebuild-${kind}-${events}`;
    const side = await parts.openEvents(kind, name);
    if (!filled.has(name)) {
      await fill(side.events, historyOf(events));
      filled.add(name);
    }
    const readModels = await parts.openReadModels();
    const runner = createProjectionRunner({
      eventStore: side.events,
      store: readModels.store,
      projectors: ALL_PROJECTORS,
      batchSize: REBUILD_BATCH_SIZE,
    });
    return {
      run: async () => (await runner.catchUp()).events,
      close: async () => {
        await readModels.close();
        await side.close();
      },
    };
  };
  registerWorkload({
    name: `sealed-rebuild.${parts.store}`,
    store: `${parts.store} (sealed vs plain)`,
    subject: ({ events }) => rebuildTrial(events, 'sealed'),
    ceiling: ({ events }) => rebuildTrial(events, 'plain'),
    ...extra,
  });
}

const sqliteReadModels = (folder: string) => {
  let count = 0;
  return async () => {
    const file = join(folder, `readmodels-${++count}.db`);
    const store = openSqliteReadModelStore({ file });
    return {
      store,
      close: async () => {
        await store.dispose();
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  };
};

// Memory: the store costs nearly nothing, so the cipher is all that differs (the worst case for the ratio).
const memoryStores = new Map<string, Side>();
registerSealing({
  store: 'memory',
  openEvents(kind, name) {
    const known = memoryStores.get(`${kind}-${name}`);
    if (known !== undefined) return Promise.resolve(known);
    const plain = createMemoryEventStore();
    const events = kind === 'sealed' ? sealedOver(plain, createMemoryKeyStore()) : plain;
    const side = { events, close: () => Promise.resolve() };
    memoryStores.set(`${kind}-${name}`, side);
    return Promise.resolve(side);
  },
  openReadModels: async () => {
    const store = openSqliteReadModelStore({ file: ':memory:' });
    return { store, close: () => store.dispose() };
  },
});

// SQLite: the keys in the event store's file, as openLeadline keeps them.
const folder = mkdtempSync(join(tmpdir(), 'leadline-bench-sealing-'));
process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
registerSealing({
  store: 'sqlite',
  openEvents(kind, name) {
    const file = join(folder, `${kind}-${name}.db`);
    const plain = openSqliteEventStore({ file });
    if (kind === 'plain') return Promise.resolve({ events: plain, close: () => plain.dispose() });
    const keys = openSqliteKeyStore({ file });
    return Promise.resolve({
      events: sealedOver(plain, keys),
      close: async () => {
        await plain.dispose();
        keys.close();
      },
    });
  },
  openReadModels: sqliteReadModels(folder),
  repetitions: 2,
});

// PostgreSQL: the keys in the event store's schema.
const postgresUrl = (): string | undefined =>
  process.env['LEADLINE_BENCH_POSTGRES_URL'] ?? process.env['LEADLINE_TEST_POSTGRES_URL'];
const schemas = new Set<string>();
process.once('beforeExit', () => {
  if (schemas.size === 0) return;
  const pool = new Pool({ connectionString: postgresUrl() });
  void Promise.all([...schemas].map((schema) => pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))).finally(
    () => void pool.end(),
  );
  schemas.clear();
});
const schemaOf = (name: string): string => `lbs_${name.replace(/-/g, '_')}_${process.pid}`;
registerSealing({
  store: 'postgres',
  unavailable: () =>
    postgresUrl() === undefined
      ? 'set LEADLINE_BENCH_POSTGRES_URL (or LEADLINE_TEST_POSTGRES_URL) to run it'
      : undefined,
  async openEvents(kind, name) {
    const connectionString = postgresUrl() ?? '';
    const schema = schemaOf(`${kind}_${name}`);
    schemas.add(schema);
    const plain = await openPostgresEventStore({ connectionString, schema });
    if (kind === 'plain') return { events: plain, close: () => plain.dispose() };
    const keys = await openPostgresKeyStore({ connectionString, schema });
    return {
      events: sealedOver(plain, keys),
      close: async () => {
        await plain.dispose();
        await keys.close();
      },
    };
  },
  async openReadModels() {
    const connectionString = postgresUrl() ?? '';
    const schema = schemaOf(`readmodels_${++fresh}`);
    schemas.add(schema);
    const store = await openPostgresReadModelStore({ connectionString, schema });
    return { store, close: () => store.dispose() };
  },
  repetitions: 2,
});
