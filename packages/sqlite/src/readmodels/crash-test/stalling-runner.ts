// Child process of the kill test: projects a SQLite event store into a SQLite read-model file, the
// journey projector stalling inside its batch at the position given. Usage: <position> <events> <readmodels>
import { ALL_PROJECTORS, createProjectionRunner, journeyProjector } from '@leadline/projections';
import { stallingProjector } from '@leadline/projections/histories';
import { openSqliteEventStore } from '../../eventstore/index.js';
import { openSqliteReadModelStore } from '../sqlite-read-model-store.js';

const [position, eventsFile, readModelsFile] = process.argv.slice(2);
const eventStore = openSqliteEventStore({ file: eventsFile ?? '' });
const store = openSqliteReadModelStore({ file: readModelsFile ?? '' });
const projectors = ALL_PROJECTORS.map((projector) =>
  projector === journeyProjector ? stallingProjector(projector, BigInt(position ?? '0')) : projector,
);
createProjectionRunner({ eventStore, store, projectors, batchSize: 150 })
  .catchUp()
  .catch((error: unknown) => {
    process.stderr.write(String(error));
    process.exitCode = 1;
  });
