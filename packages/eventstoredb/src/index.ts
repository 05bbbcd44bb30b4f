// @leadline/eventstoredb: the event store port on EventStoreDB (@eventstore/db-client). The protocol
// stand-in for tests lives in the `@leadline/eventstoredb/testing` entry point.
export {
  openEventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from './store/open-eventstoredb-event-store.js';
export type { ResubscribePolicy } from '@leadline/eventstore';
