// Child process of `pnpm bench --workers`: one leased projection worker on PostgreSQL. It opens its
// stores, says so, starts on "go" (stdin) and stops cleanly on SIGTERM.
// Usage: <connection string> <event store schema> <read-model schema> <takeover bound ms>
import { createInterface } from 'node:readline';
import { openPostgresEventStore, openPostgresReadModelStore } from '@leadline/postgres';
import { ALL_PROJECTORS, createLeasedProjectionRunner } from '@leadline/projections';

async function main(): Promise<void> {
  const [connectionString = '', eventSchema = '', readModelSchema = '', takeover = '10000'] = process.argv.slice(2);
  const eventStore = await openPostgresEventStore({ connectionString, schema: eventSchema });
  const store = await openPostgresReadModelStore({ connectionString, schema: readModelSchema });
  const runner = createLeasedProjectionRunner({
    eventStore,
    store,
    projectors: ALL_PROJECTORS,
    lease: { takeoverWithinMs: Number(takeover) },
    onError: (error) => process.stderr.write(`${String(error)}\n`),
  });
  process.once('SIGTERM', () => {
    void runner
      .stop()
      .then(() => Promise.all([store.dispose(), eventStore.dispose()]))
      .then(() => process.exit(0));
  });
  process.stdout.write('worker-open\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== 'go') continue;
    await runner.start();
    process.stdout.write(`worker-owns ${runner.owned().join(',')}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exitCode = 1;
});
