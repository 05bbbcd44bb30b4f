// Child process of the multi-process test: one projection worker of a group sharing a PostgreSQL read
// model through leases. Every projector (and an apply counter) stalls inside its batch's transaction at
// the position given, so the parent can kill it there; 0 means never.
// Usage: <connection string> <event store schema> <read-model schema> <takeover bound ms> <stall position>
import { ALL_PROJECTORS, createLeasedProjectionRunner } from '@leadline/projections';
import { applyCountingProjector, stallingProjector } from '@leadline/projections/histories';
import { openPostgresEventStore } from '../../eventstore/index.js';
import { openPostgresReadModelStore } from '../postgres-read-model-store.js';

export const WORKER_READY = 'worker-ready';

async function main(): Promise<void> {
  const [connectionString = '', eventSchema = '', readModelSchema = '', takeover = '', stallAt = '0'] =
    process.argv.slice(2);
  const eventStore = await openPostgresEventStore({ connectionString, schema: eventSchema });
  const store = await openPostgresReadModelStore({ connectionString, schema: readModelSchema });
  const projectors = [...ALL_PROJECTORS, applyCountingProjector].map((projector) =>
    stallAt === '0' ? projector : stallingProjector(projector, BigInt(stallAt)),
  );
  const runner = createLeasedProjectionRunner({
    eventStore,
    store,
    projectors,
    batchSize: 200,
    lease: { takeoverWithinMs: Number(takeover) },
    onError: (error) => process.stderr.write(`${String(error)}\n`),
  });
  await runner.start();
  process.stdout.write(`${WORKER_READY} ${runner.owner}\n`);
  process.once('SIGTERM', () => {
    void runner
      .stop()
      .then(() => Promise.all([store.dispose(), eventStore.dispose()]))
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exitCode = 1;
});
