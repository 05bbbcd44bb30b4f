// The sample of docs/stores.md (a test keeps the two identical and runs it): Leadline's events in PostgreSQL.
import type { EventStore } from '@leadline/eventstore';
import { openPostgresEventStore } from '@leadline/postgres';

export async function openLeadsStore(connectionString: string, schema = 'leadline'): Promise<EventStore> {
  // Creates the schema, or migrates it, before it resolves; safe from several processes at once.
  const store = await openPostgresEventStore({ connectionString, schema });
  await store.append(
    'lead-42',
    [
      {
        type: 'LeadCreated',
        data: { name: 'Ada Lovelace', source: 'web-form' },
        metadata: {
          orgId: 'org-1',
          actorId: 'user-7',
          occurredAt: '2026-03-02T09:15:00.000Z',
          correlationId: 'c-1',
          causationId: 'c-1',
          schemaVersion: 1,
        },
      },
    ],
    { expectedRevision: 'no_stream' },
  );
  return store;
}
