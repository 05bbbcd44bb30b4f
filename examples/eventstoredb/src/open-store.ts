// The sample of docs/stores.md (a test keeps the two identical): Leadline's event store on a cluster.
import type { EventStore } from '@leadline/eventstore';
import { openEventStoreDbEventStore } from '@leadline/eventstoredb';

export function openClusterStore(connectionString: string): EventStore {
  return openEventStoreDbEventStore({
    // Several hosts: the client asks them for gossip and talks to the leader.
    connectionString, // e.g. 'esdb://127.0.0.1:2111,127.0.0.1:2112,127.0.0.1:2113?tls=false'
    // Optional: this store's streams become `leadline.<name>` and it sees no others.
    namespace: 'leadline',
    // How a subscription comes back after a dropped connection (these are the defaults).
    resubscribe: { initialDelayMs: 100, maxDelayMs: 5_000, maxAttempts: 20 },
  });
}
