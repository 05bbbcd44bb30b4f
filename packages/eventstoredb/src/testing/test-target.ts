// Where the adapter's tests run: against a fresh protocol stand-in per store (the default, and CI), or
// against a real server when LEADLINE_TEST_ESDB_URL is set (each store then gets its own namespace).
import { randomUUID } from 'node:crypto';
import type { EventStore, EventStoreOptions } from '@leadline/eventstore';
import type { ConformanceFactory } from '@leadline/eventstore/testing';
import {
  openEventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from '../store/open-eventstoredb-event-store.js';
import { ProtocolStandIn } from './stand-in/stand-in.js';

export const ESDB_URL_VARIABLE = 'LEADLINE_TEST_ESDB_URL';

/** The real server to test against, or undefined to use the stand-in. */
export function realServerUrl(): string | undefined {
  const url = process.env[ESDB_URL_VARIABLE];
  return url === undefined || url === '' ? undefined : url;
}

/** "stand-in" or "real server", for test names. */
export function targetLabel(): string {
  return realServerUrl() === undefined ? 'protocol stand-in' : `real server at ${realServerUrl()}`;
}

export interface TargetOptions {
  /** Stand-in only: advertise BatchAppend (default) or make the client use Append. */
  readonly batchAppend?: boolean;
  readonly resubscribe?: EventStoreDbEventStoreOptions['resubscribe'];
}

/** A conformance factory: each store gets its own stand-in, or its own namespace on the real server. */
export function eventStoreDbTestFactory(targetOptions: TargetOptions = {}): ConformanceFactory {
  const standIns = new WeakMap<EventStore, ProtocolStandIn>();
  return {
    async create(options: EventStoreOptions = {}) {
      const url = realServerUrl();
      const common = { ...options, resubscribe: targetOptions.resubscribe };
      if (url !== undefined)
        return openEventStoreDbEventStore({
          ...common,
          connectionString: url,
          namespace: `leadline-test-${randomUUID().slice(0, 8)}`,
        });
      const standIn = await ProtocolStandIn.start({ batchAppend: targetOptions.batchAppend ?? true });
      const store = openEventStoreDbEventStore({ ...common, connectionString: standIn.connectionString });
      standIns.set(store, standIn);
      return store;
    },
    async dispose(store) {
      await store.dispose();
      await standIns.get(store)?.stop();
    },
    // EventStoreDB checks event ids per stream: an id stored in another stream is not seen (docs/stores.md).
    capabilities: {
      numRunsScale: 0.5,
      timeoutMs: 15_000,
      eventIdsUniqueAcrossStreams: false,
      multiStreamAtomic: false,
    },
  };
}
