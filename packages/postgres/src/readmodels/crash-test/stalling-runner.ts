// Child process of the kill test: projects a PostgreSQL event store into PostgreSQL read models, the
// journey projector stalling inside its batch's transaction at the position given.
// Usage: <position> <connection string> <event store schema> <read-model schema>
import { ALL_PROJECTORS, createProjectionRunner, journeyProjector } from '@leadline/projections';
import { stallingProjector } from '@leadline/projections/histories';
import { openPostgresEventStore } from '../../eventstore/index.js';
import { openPostgresReadModelStore } from '../postgres-read-model-store.js';

async function main(): Promise<void> {
  const [position, connectionString, eventSchema, readModelSchema] = process.argv.slice(2);
  const eventStore = await openPostgresEventStore({
    connectionString: connectionString ?? '',
    schema: eventSchema ?? '',
  });
  const store = await openPostgresReadModelStore({
    connectionString: connectionString ?? '',
    schema: readModelSchema ?? '',
  });
  const projectors = ALL_PROJECTORS.map((projector) =>
    projector === journeyProjector ? stallingProjector(projector, BigInt(position ?? '0')) : projector,
  );
  await createProjectionRunner({ eventStore, store, projectors, batchSize: 150 }).catchUp();
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exitCode = 1;
});
