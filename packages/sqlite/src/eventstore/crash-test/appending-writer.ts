// A child process for the crash tests: appends marked batches to a SQLite event store in a loop and
// prints each acknowledged batch number, until it is killed. Run with `node --import tsx`.
import { openSqliteEventStore } from '../open-sqlite-event-store.js';
import type { SqliteDurability } from '../durability.js';
import { batchSize, batchStream, type BatchMarker } from './batch-markers.js';

async function main(): Promise<void> {
  const [file, durability, writer, firstBatchText] = process.argv.slice(2);
  if (file === undefined || durability === undefined || writer === undefined) {
    throw new Error('usage: appending-writer FILE DURABILITY WRITER [FIRST_BATCH]');
  }
  const store = openSqliteEventStore({ file, durability: durability as SqliteDurability });
  const metadata = {
    orgId: 'org-crash',
    actorId: writer,
    occurredAt: '2026-01-01T00:00:00.000Z',
    correlationId: writer,
    causationId: writer,
    schemaVersion: 1,
  };
  // A bulky payload makes each append span several pages, so a kill can tear a write mid-way.
  const padding = 'x'.repeat(3_000);
  for (let batch = Number(firstBatchText ?? 0); ; batch++) {
    const size = batchSize(batch);
    const events = Array.from({ length: size }, (_, index) => ({
      type: 'CrashTestStep',
      data: { writer, batch, index, size, padding } satisfies BatchMarker & { padding: string },
      metadata,
    }));
    await store.append(batchStream(writer, batch), events);
    process.stdout.write(`${batch}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
